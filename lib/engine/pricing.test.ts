import { describe, expect, it } from "vitest";
import { all, harness, rule, source } from "./testing";

const TX = all(rule("lead.state", "is equal to", "TX"));
const CA = all(rule("lead.state", "is equal to", "CA"));
const RULES = { prices: [{ amount: 10 }, { amount: 20, rule_set: CA }, { amount: 15, rule_set: TX }] };

async function priceOf(doc: Record<string, unknown>, lead: Record<string, unknown>, services?: Record<string, (v: unknown) => { price: number } | { error: string }>) {
  const h = harness({ fields: ["state", "price"], ...doc });
  for (const [id, fn] of Object.entries(services ?? {})) h.ports.pricing.services.set(id, fn);
  return (await h.run(lead)).price;
}

// 04 §3.4 example table.
describe("04 §3.4 pricing", () => {
  it("source service answers 25", async () => {
    expect(await priceOf({ sources: [source({ pricing_service: { service_id: "s1", fallback_price: 5 }, pricing: RULES })] }, { state: "TX" }, { s1: () => ({ price: 25 }) })).toBe(25);
  });

  it("source rules, last match wins: TX 15, CA 20, NV 10", async () => {
    const doc = { sources: [source({ pricing: RULES })] };
    expect(await priceOf(doc, { state: "TX" })).toBe(15);
    expect(await priceOf(doc, { state: "CA" })).toBe(20);
    expect(await priceOf(doc, { state: "NV" })).toBe(10);
  });

  it("rule-less entry last: TX → 10 (the common pitfall)", async () => {
    const doc = { sources: [source({ pricing: { prices: [{ amount: 20, rule_set: CA }, { amount: 15, rule_set: TX }, { amount: 10 }] } })] };
    expect(await priceOf(doc, { state: "TX" })).toBe(10);
  });

  it("flow service times out → fallback 7", async () => {
    expect(await priceOf({ sources: [source()], pricing_service: { service_id: "s2", fallback_price: 7 }, pricing: { prices: [{ amount: 8 }] } }, {}, { s2: () => ({ error: "timeout" }) })).toBe(7);
  });

  it("flow service fails without fallback → flow rules 8", async () => {
    expect(await priceOf({ sources: [source()], pricing_service: { service_id: "s2", fallback_price: null }, pricing: { prices: [{ amount: 8 }] } }, {}, { s2: () => ({ error: "HTTP 500" }) })).toBe(8);
  });

  it("source override uses the submitted price", async () => {
    expect(await priceOf({ sources: [source({ pricing: { override: true } })], pricing: { prices: [{ amount: 8 }] } }, { price: "$12.50" })).toBe(12.5);
  });

  it("source override without a submitted price falls through to flow rules", async () => {
    expect(await priceOf({ sources: [source({ pricing: { override: true } })], pricing: { prices: [{ amount: 8 }] } }, {})).toBe(8);
  });

  it("nothing configured → 0", async () => {
    expect(await priceOf({ sources: [source()] }, { state: "TX" })).toBe(0);
  });

  it("a $0 price is a price (the layer yields it)", async () => {
    expect(await priceOf({ sources: [source({ pricing: { prices: [{ amount: 0 }] } })], pricing: { prices: [{ amount: 8 }] } }, {})).toBe(0);
  });

  it("a lead later stopped by a filter with failure records and returns 0", async () => {
    const h = harness({
      fields: ["state"],
      sources: [source({ pricing: { prices: [{ amount: 15, rule_set: TX }] } })],
      steps: [{ type: "filter", rule_set: TX, outcome: "failure", reason: "Stopped" }],
    });
    const out = await h.run({ state: "TX" });
    expect(out).toMatchObject({ outcome: "failure", price: 0, response: { price: 0 } });
    const src = out.events[out.events.length - 1];
    expect(src).toMatchObject({ purchase_price: 0, cost: 0 });
    // The filter saw the computed price.
    expect(out.events[0].vars.purchase_price).toBe(15);
  });

  it("the service gets the vars; replay skips services unless asked (fallback applies)", async () => {
    const h = harness({ fields: ["state"], sources: [source({ pricing_service: { service_id: "s1", fallback_price: 3 } })] });
    h.ports.pricing.services.set("s1", () => ({ price: 25 }));
    expect((await h.run({ state: "TX" })).price).toBe(25);
    expect((h.ports.pricing.calls[0].vars.lead as Record<string, { normal: string }>).state.normal).toBe("TX");
    expect((await h.run({ state: "TX" }, {}, { dryRun: true })).price).toBe(3);
    expect((await h.run({ state: "TX" }, {}, { dryRun: true, callServices: true })).price).toBe(25);
  });
});
