import { FlowOverview } from "@/components/flows/flow-overview";

export const metadata = { title: "Flow" };

export default function Page() {
  return <FlowOverview />;
}
