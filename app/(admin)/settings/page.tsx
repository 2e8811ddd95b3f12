import { PageHeader } from "@/components/layout/page-header";

export const metadata = { title: "Settings" };

export default function Page() {
  return <PageHeader title="Settings" description="Account, users and API tokens." />;
}
