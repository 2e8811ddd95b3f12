"use client";
// Support enters a return or conversion a buyer reported by phone or e-mail, on the delivery it is
// about. It is processed exactly like the buyer's own call (and passed on to the source when set
// up), then shows in the timeline as feedback entered in Leadflow.
import { useState } from "react";
import { errorText } from "@/components/api/client";
import type { LeadEvent } from "@/components/api/types";
import { useRecordFeedback } from "@/components/api/use-leads";
import { useCan } from "@/components/api/use-me";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";

export type FeedbackType = "return" | "conversion";
const WORD: Record<FeedbackType, string> = { return: "return", conversion: "conversion" };

export function RecordFeedback({ event, leadId, types }: { event: LeadEvent; leadId: string; types: readonly FeedbackType[] }) {
  const canEdit = useCan("editor");
  const record = useRecordFeedback(leadId);
  const toast = useToast();
  const [open, setOpen] = useState<FeedbackType | null>(null);
  const [reason, setReason] = useState("");
  if (!canEdit || event.type !== "recipient" || event.outcome !== "success" || types.length === 0) return null;
  function submit() {
    if (!open) return;
    record.mutate(
      { recipient_event_id: event.id, type: open, reason: reason.trim() || null },
      {
        onSuccess: (received) => {
          const what = WORD[open].replace(/^./, (c) => c.toUpperCase());
          if (received.outcome === "success") toast(`${what} recorded`, "success");
          else toast(`${what} not accepted: ${received.reason ?? received.outcome}`, "error");
          setOpen(null);
          setReason("");
        },
        onError: (e) => toast(errorText(e), "error"),
      },
    );
  }
  if (!open) {
    return (
      <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-600">Did the recipient report back?</span>
        {types.map((t) => (
          <Button key={t} size="xs" onClick={() => setOpen(t)}>
            Record a {WORD[t]}
          </Button>
        ))}
      </div>
    );
  }
  return (
    <form
      aria-label={`Record a ${WORD[open]}`}
      className="mt-3 flex flex-wrap items-end gap-2 rounded-md bg-slate-50 px-3 py-2"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Field label={`Reason for the ${WORD[open]} (optional)`} className="min-w-64 flex-1">
        {(p) => <Input {...p} value={reason} maxLength={255} autoFocus onChange={(e) => setReason(e.target.value)} placeholder={open === "return" ? "Wrong number" : "Signed the contract"} />}
      </Field>
      <Button type="submit" size="md" variant="primary" pending={record.isPending}>
        Record {WORD[open]}
      </Button>
      <Button size="md" onClick={() => setOpen(null)}>
        Cancel
      </Button>
    </form>
  );
}
