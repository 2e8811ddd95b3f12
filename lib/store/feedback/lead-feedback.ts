import { feedbackReason } from "@/lib/engine/feedback";
import type { LeadFeedbackBody } from "@/lib/schemas/feedback";
import { notFound } from "@/lib/server/errors";
import { findFeedbackTarget, recordFeedback } from "./record-feedback";

/**
 * POST /api/leads/{lead_id}/feedback (06 §5.6): the same processing as the buyers' endpoint,
 * recorded `via: "api"` with the person's name. Answers the feedback-received event.
 */
export async function leadFeedback(leadId: string, body: LeadFeedbackBody, user: string) {
  const target = await findFeedbackTarget(body.recipient_event_id);
  if (!target || target.lead.id !== leadId) throw notFound("Recipient event");
  const { received } = await recordFeedback(target, { type: body.type, reason: feedbackReason(body.reason), via: "api", user });
  return received;
}
