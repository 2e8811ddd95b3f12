export { StepEditor, type StepEditorProps } from "./step-editor";
export { newFilterStep, newRecipientStep, stepTitle, stepKind, duplicateStep } from "./steps";
