import { PageHeader } from "@/components/layout/page-header";

export const metadata = { title: "Leads" };

export default function Page() {
  return <PageHeader title="Leads" description="Search leads and trace each one through its events." />;
}
