"use client";
// A delivery that is retrying, in doubt after a crash or exhausted can be resent by a person
// (one attempt, same Idempotency-Key) or have its retries stopped (spec 05 §5.4).
import type { LeadEvent } from "@/components/api/types";
import { useDeliveryAction } from "@/components/api/use-leads";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

const RESENDABLE = new Set(["retrying", "in_doubt", "exhausted"]);
const CANCELLABLE = new Set(["retrying", "in_doubt"]);

export function DeliveryActions({ event, leadId }: { event: LeadEvent; leadId: string }) {
  const status = event.delivery?.status;
  const action = useDeliveryAction(leadId);
  const toast = useToast();
  if (event.type !== "recipient" || !status || !RESENDABLE.has(status)) return null;
  const run = (kind: "resend" | "cancel") =>
    action.mutate(
      { deliveryId: event.id, action: kind },
      {
        onSuccess: (d) => toast(kind === "resend" ? `Resent: delivery is now ${d.status}` : "Retries cancelled"),
        onError: (err) => toast(err instanceof Error ? err.message : "The action failed", "error"),
      },
    );
  return (
    <div className="mt-3 flex flex-wrap items-center gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm">
      <span className="text-amber-900">
        Delivery {status.replace("_", " ")}
        {event.delivery?.next_attempt_at ? `, next attempt ${new Date(event.delivery.next_attempt_at).toLocaleString()}` : ""}.
      </span>
      <Button size="xs" variant="secondary" pending={action.isPending && action.variables?.action === "resend"} onClick={() => run("resend")}>
        Resend now
      </Button>
      {CANCELLABLE.has(status) ? (
        <Button size="xs" variant="ghost" pending={action.isPending && action.variables?.action === "cancel"} onClick={() => run("cancel")}>
          Cancel retries
        </Button>
      ) : null}
    </div>
  );
}
