import { TestLead } from "@/components/flows/test-lead";

export const metadata = { title: "Test a lead" };

export default function Page() {
  return <TestLead />;
}
