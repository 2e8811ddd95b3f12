import { PageHeader } from "@/components/layout/page-header";

export const metadata = { title: "Reports" };

export default function Page() {
  return <PageHeader title="Reports" description="Volume, acceptance, rejection reasons, revenue and cap fill." />;
}
