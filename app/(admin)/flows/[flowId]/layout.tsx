import { FlowEditorShell } from "@/components/flows/flow-editor-shell";

// One layout for all editor pages so the unsaved draft survives moving between them.
export default async function FlowLayout({ children, params }: { children: React.ReactNode; params: Promise<{ flowId: string }> }) {
  const { flowId } = await params;
  return <FlowEditorShell flowId={flowId}>{children}</FlowEditorShell>;
}
