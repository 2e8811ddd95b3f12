import { CapsEditor } from "@/components/flows/caps-editor";

export const metadata = { title: "Volume caps" };

export default function Page() {
  return <CapsEditor />;
}
