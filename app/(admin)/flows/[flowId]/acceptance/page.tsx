import { AcceptanceEditor } from "@/components/flows/acceptance-editor";

export const metadata = { title: "Acceptance criteria" };

export default function Page() {
  return <AcceptanceEditor />;
}
