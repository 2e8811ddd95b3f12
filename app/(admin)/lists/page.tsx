import { PageHeader } from "@/components/layout/page-header";

export const metadata = { title: "Lists" };

export default function Page() {
  return <PageHeader title="Lists" description="Suppression lists: DNC, existing customers and custom lists." />;
}
