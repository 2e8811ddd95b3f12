/**
 * The delivery outbox over real HTTP (spec 05 §5.4): a failed delivery is retried by the server's
 * worker with the exact same request and Idempotency-Key until it succeeds or is exhausted.
 * The test server runs with LEADFLOW_RETRY_BASE_SECONDS=1, _CAP_SECONDS=2, _MAX_ATTEMPTS=3.
 */
import { describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { signIn } from "./harness";
import { deployFlow, source, stubBuyer, submit } from "./intake-fixtures";

function flowWith(url: string) {
  return {
    name: "Retry flow",
    fields: ["email", "state"],
    sources: [source()],
    steps: [
      {
        type: "recipient",
        description: "Flaky CRM",
        entity: { id: newId(), name: "Flaky CRM" },
        integration: {
          module_id: "custom.outbound.json",
          mappings: [
            { property: "url", value: url },
            { property: "json_property.email", value: "{{lead.email}}" },
            { property: "header.X-API-Key", value: "secret-key-123" },
          ],
        },
        pricing: { prices: [{ amount: 25, rule_set: null }] },
        enabled: true,
        retry_enabled: true,
        purpose: "delivery",
      },
    ],
  };
}

async function waitFor<T>(fn: () => Promise<T | null>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("delivery retries", () => {
  it("retries a 503 with the same request until the buyer accepts; the recipient event takes the final result", async () => {
    let calls = 0;
    const buyer = await stubBuyer(() => (++calls <= 2 ? { status: 503, body: "busy" } : { body: '{"ok":true}' }));
    try {
      const api = await signIn();
      const flow = await deployFlow(flowWith(buyer.url));
      const r = await submit(flow.submitUrl, { email: "retry@example.com", state: "TX" });
      expect(r.body.outcome).toBe("success");
      const lead = await waitFor(async () => {
        const res = await api.get(`/api/leads/${r.body.lead.id}`);
        const rec = res.body.events?.find((e: { type: string }) => e.type === "recipient");
        return rec?.delivery?.status === "delivered" ? res.body : null;
      });
      const recipient = lead.events.find((e: { type: string }) => e.type === "recipient");
      expect(recipient).toMatchObject({ outcome: "success", sale_price: 25, first_attempt: { outcome: "error", reason: "Server error" } });
      const retries = lead.events.filter((e: { type: string }) => e.type === "retry");
      expect(retries.map((e: { attempt: number; outcome: string; retry_status: string }) => [e.attempt, e.outcome, e.retry_status])).toEqual([
        [2, "error", "started"],
        [3, "success", "completed"],
      ]);
      expect(buyer.received).toHaveLength(3);
      const keys = new Set(buyer.received.map((x) => x.headers["idempotency-key"]));
      expect(keys.size).toBe(1);
      expect(new Set(buyer.received.map((x) => x.body)).size).toBe(1);
      expect(buyer.received.map((x) => x.headers["x-leadflow-delivery-attempt"])).toEqual(["1", "2", "3"]);
      expect(JSON.stringify(retries.map((e: { transactions: unknown }) => e.transactions))).not.toContain("secret-key-123");
    } finally {
      await buyer.close();
    }
  });

  it("gives up after the last attempt: exhausted, never delivered twice", async () => {
    const buyer = await stubBuyer(() => ({ status: 500, body: "down" }));
    try {
      const api = await signIn();
      const flow = await deployFlow(flowWith(buyer.url));
      const r = await submit(flow.submitUrl, { email: "down@example.com", state: "TX" });
      const recipient = await waitFor(async () => {
        const res = await api.get(`/api/leads/${r.body.lead.id}`);
        const rec = res.body.events?.find((e: { type: string }) => e.type === "recipient");
        return rec?.delivery?.status === "exhausted" ? rec : null;
      });
      expect(recipient.outcome).toBe("error");
      expect(recipient.reason).toBe("Retries exhausted after 3 attempts: Server error");
      await new Promise((res) => setTimeout(res, 2500));
      expect(buyer.received).toHaveLength(3);
    } finally {
      await buyer.close();
    }
  });
});
