import { FlowList } from "@/components/flows/flow-list";

export const metadata = { title: "Flows" };

export default function Page() {
  return <FlowList />;
}
