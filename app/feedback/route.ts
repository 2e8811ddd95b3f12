import { handleFeedback } from "@/lib/feedback/handle-feedback";
import { feedbackHandlers } from "@/lib/store/feedback/webhook";

// Buyers' feedback (spec 06 §5.3). Every method is exported so that other methods get the
// spec's 405 text rather than Next.js's answer.
let handlers: ReturnType<typeof feedbackHandlers> | undefined;
const handler = (request: Request) => handleFeedback(request, (handlers ??= feedbackHandlers()));

export const dynamic = "force-dynamic";
export { handler as GET, handler as POST, handler as HEAD, handler as PUT, handler as PATCH, handler as DELETE, handler as OPTIONS };
