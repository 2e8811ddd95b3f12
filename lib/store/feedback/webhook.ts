import { feedbackReason } from "@/lib/engine/feedback";
import type { FeedbackHandlers } from "@/lib/feedback/handle-feedback";
import type { RateLimitVerdict } from "@/lib/intake";
import { config } from "@/lib/server/config";
import { logger } from "@/lib/server/logger";
import { perSecondLimit } from "@/lib/server/rate-limits";
import { findFeedbackTarget, recordFeedback, type FeedbackTarget } from "./record-feedback";

/**
 * `LEADFLOW_FEEDBACK_RATE_LIMIT` requests a second per recipient, counted in this process (like
 * the sign-in throttle): the sender of feedback is the buyer, as the source is for intake (07 §1.9).
 */
function recipientLimiter(perSecond: number): ((target: FeedbackTarget) => Promise<RateLimitVerdict>) | undefined {
  const limit = perSecondLimit(perSecond);
  if (!limit) return undefined;
  return (target) => limit(target.recipientEvent.recipient_id ?? `${target.recipientEvent.flow_id}:${target.recipientEvent.step_id}`);
}

/** What `handleFeedback` runs for `POST /feedback`: the look-up, the limit, processing and storage. */
export function feedbackHandlers(): FeedbackHandlers<FeedbackTarget> {
  const log = logger.child({ area: "feedback" });
  return {
    find: (eventId) => findFeedbackTarget(eventId),
    rateLimit: recipientLimiter(config().LEADFLOW_FEEDBACK_RATE_LIMIT),
    async process(target, submission) {
      const report = { type: submission.type, reason: feedbackReason(submission.reason), via: "webhook" as const, user: null };
      const { answer } = await recordFeedback(target, report, { request: submission.request, responseFor: submission.responseFor });
      return answer;
    },
    onError(err, requestId) {
      log.error({ err, requestId }, "feedback failed");
    },
  };
}
