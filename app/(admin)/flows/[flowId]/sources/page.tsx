import { SourcesEditor } from "@/components/flows/sources-editor";

export const metadata = { title: "Sources" };

export default function Page() {
  return <SourcesEditor />;
}
