import { describe, expect, it } from "vitest";
import type { LeadEvent } from "@/components/api/types";
import { feedbackView, viaText } from "./feedback";

const received = {
  id: "e6",
  type: "feedback-received",
  outcome: "success",
  reason: null,
  timestamp: "2024-01-20T18:00:00.000Z",
  step_id: "r00002",
  recipient_event_id: "e2",
  recipient_name: "Acme CRM",
  feedback: { type: "return", reason: "Wrong number", config: { enabled: true } },
  via: "import",
  user: "ann@example.com",
  feedback_sent_event_id: "e7",
} as LeadEvent;

describe("feedback events in the timeline", () => {
  it("name the type, the direction and the recipient, and keep the reported reason apart", () => {
    const view = feedbackView(received)!;
    expect(view).toMatchObject({ title: "Return received from Acme CRM", direction: "received", reported: "Wrong number", recipientEventId: "e2", pairedEventId: "e7" });
    expect(viaText(view)).toBe("from a CSV import by ann@example.com");
  });

  it("a sent event names the source it went to and links back to what was received", () => {
    const sent = { ...received, id: "e7", type: "feedback-sent", feedback_sent_event_id: undefined, feedback_received_event_id: "e6", via: "webhook", user: null } as LeadEvent;
    const view = feedbackView(sent, { source: "Vendor A" })!;
    expect(view.title).toBe("Return sent to Vendor A");
    expect(view.pairedEventId).toBe("e6");
    expect(viaText(view)).toBe("from the recipient's call");
    expect(feedbackView({ ...sent, feedback: undefined, vars: { feedback: { type: "conversion" } } } as LeadEvent)!.title).toBe("Conversion sent to the source");
  });

  it("reads older or partial shapes and ignores other events", () => {
    const odd = feedbackView({ ...received, feedback: { type: "refund" }, recipient_name: undefined, user: { id: "u1", email: "bo@example.com" } } as LeadEvent, { step: "Acme" })!;
    expect(odd.title).toBe("Feedback “refund” received from Acme");
    expect(odd.user).toBe("bo@example.com");
    expect(feedbackView({ ...received, type: "recipient" } as LeadEvent)).toBeNull();
  });
});
