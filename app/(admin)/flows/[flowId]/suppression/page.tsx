import { SuppressionEditor } from "@/components/flows/suppression-editor";

export const metadata = { title: "Suppression" };

export default function Page() {
  return <SuppressionEditor />;
}
