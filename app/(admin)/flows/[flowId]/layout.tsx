import { FlowEditorShell } from "@/components/flows/flow-editor-shell";

// One layout for all editor pages so the unsaved draft survives moving between them.
export default async function FlowLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <FlowEditorShell flowId={id}>{children}</FlowEditorShell>;
}
