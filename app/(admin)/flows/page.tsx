import { PageHeader } from "@/components/layout/page-header";

export const metadata = { title: "Flows" };

export default function Page() {
  return <PageHeader title="Flows" description="Flows turn submitted leads into decisions, prices and deliveries." />;
}
