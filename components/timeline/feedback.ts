// How a feedback event reads in a lead's timeline (spec 06 §2.7): which type, which way, about
// which delivery, how it came in (webhook, API, import) and from whom.
import type { LeadEvent } from "@/components/api/types";

export interface FeedbackView {
  /** "Return received from Acme CRM", "Conversion sent to Vendor A". */
  title: string;
  type: string;
  direction: "received" | "sent";
  /** The reason the recipient gave (not the outcome's reason). */
  reported: string | null;
  via: string | null;
  user: string | null;
  recipientName: string | null;
  recipientEventId: string | null;
  /** The other half of the pair: the sent event of a received one, and back. */
  pairedEventId: string | null;
}

const TYPE_WORDS: Record<string, string> = { return: "Return", conversion: "Conversion" };
const VIA_WORDS: Record<string, string> = { webhook: "from the recipient's call", api: "entered in Leadflow", import: "from a CSV import" };

const text = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

export function isFeedbackEvent(e: Pick<LeadEvent, "type">): boolean {
  return e.type === "feedback-received" || e.type === "feedback-sent";
}

export function feedbackView(event: LeadEvent, names: { step?: string | null; source?: string | null } = {}): FeedbackView | null {
  if (!isFeedbackEvent(event)) return null;
  const fb = (event.feedback ?? (event.vars as { feedback?: unknown } | undefined)?.feedback ?? {}) as { type?: unknown; reason?: unknown };
  const type = text(fb.type) ?? "feedback";
  const direction = event.type === "feedback-sent" ? "sent" : "received";
  const recipientName = text(event.recipient_name) ?? names.step ?? null;
  const word = TYPE_WORDS[type] ?? (type === "feedback" ? "Feedback" : `Feedback “${type}”`);
  const party = direction === "received" ? (recipientName ? ` from ${recipientName}` : "") : names.source ? ` to ${names.source}` : " to the source";
  const user = event.user;
  return {
    title: `${word} ${direction}${party}`,
    type,
    direction,
    reported: text(fb.reason),
    via: text(event.via),
    user: text(user) ?? (user && typeof user === "object" ? (text((user as { email?: unknown }).email) ?? text((user as { name?: unknown }).name)) : null),
    recipientName,
    recipientEventId: text(event.recipient_event_id),
    pairedEventId: text(direction === "received" ? event.feedback_sent_event_id : event.feedback_received_event_id),
  };
}

/** "from a CSV import by ann@example.com". */
export function viaText(view: Pick<FeedbackView, "via" | "user">): string | null {
  if (!view.via) return null;
  const how = VIA_WORDS[view.via] ?? `via ${view.via}`;
  return view.user ? `${how} by ${view.user}` : how;
}
