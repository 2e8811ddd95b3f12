"use client";
// The dialog most edits use: a form whose primary button (and Enter in any field) submits, and
// Cancel. One place for the shape, so every such dialog behaves the same way.
import { Button } from "./button";
import { Dialog } from "./dialog";

export function FormDialog({
  open,
  onClose,
  title,
  description,
  submitLabel,
  onSubmit,
  pending,
  danger,
  wide,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: React.ReactNode;
  submitLabel: string;
  onSubmit: () => void;
  pending?: boolean;
  /** Deletes and other changes that cannot be undone get the danger style. */
  danger?: boolean;
  wide?: boolean;
  children: React.ReactNode;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      description={description}
      wide={wide}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant={danger ? "danger" : "primary"} pending={pending} onClick={onSubmit}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
