import { FieldsEditor } from "@/components/flows/fields-editor";

export const metadata = { title: "Fields" };

export default function Page() {
  return <FieldsEditor />;
}
