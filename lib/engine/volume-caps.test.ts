import { describe, expect, it } from "vitest";
import type { SourceEvent } from "./types";
import { all, FLOW_ID, harness, rule, source } from "./testing";

const FIELDS = ["state", "credit_score_acme"];
const custom = { compile: { fields: [{ id: "credit_score_acme", name: "Credit Score", type: "number" }] } };
const sourceEvent = (o: { events: unknown[] }) => o.events[o.events.length - 1] as SourceEvent;

// 04 §4.8 example table.
describe("04 §4.8 volume caps", () => {
  const daily2 = { id: "5fd438f91f0d12766e2bfee5", name: "Daily", maximum: 2, duration: 1, duration_units: "day", time_zone: "America/Chicago" };

  it("flow cap 2/day: lead 3 the same day fails with Cap reached; 00:05 the next day succeeds", async () => {
    const h = harness({ fields: FIELDS, caps: [daily2], sources: [source()] }, { now: "2024-01-15T16:00:00.000Z" });
    expect((await h.run({ state: "TX" })).outcome).toBe("success");
    expect((await h.run({ state: "TX" })).outcome).toBe("success");
    const third = await h.run({ state: "TX" });
    expect(third).toMatchObject({ outcome: "failure", reason: "Cap reached", price: 0, decidedBy: { stage: "caps", scope: "flow" } });
    expect(sourceEvent(third)).toMatchObject({ cap_reached: true, rejected_by_cap_id: daily2.id, cap_ids: [] });
    expect(third.bookkeeping.caps).toEqual([]);
    const counter = h.ports.caps.newestCounter(`${FLOW_ID}:${daily2.id}`)!;
    expect(counter).toMatchObject({ count: 2, failedCount: 1 });
    h.clock.set("2024-01-16T06:05:00.000Z"); // 00:05 Chicago
    const fourth = await h.run({ state: "TX" });
    expect(fourth.outcome).toBe("success");
    expect(sourceEvent(fourth).cap_ids).toEqual([daily2.id]);
  });

  it("a lead stopped by a filter is not counted", async () => {
    const h = harness({
      fields: FIELDS,
      caps: [daily2],
      sources: [source()],
      steps: [{ type: "filter", rule_set: all(rule("state", "is equal to", "NY")), reason: "No NY" }],
    });
    expect((await h.run({ state: "TX" })).outcome).toBe("success");
    const stopped = await h.run({ state: "NY" });
    expect(stopped.outcome).toBe("failure");
    expect(stopped.bookkeeping.caps).toMatchObject([{ commit: false }]);
    expect((await h.run({ state: "TX" })).outcome).toBe("success");
  });

  const nested = {
    name: "Monthly",
    maximum: 1000,
    duration_units: "month",
    caps: [
      { name: "CA Daily", maximum: 25, duration_units: "day", rule_set: all(rule("state", "is equal to", "CA")), reason: "Daily cap exceeded: CA leads" },
      { name: "TX Daily", maximum: 30, duration_units: "day", rule_set: all(rule("state", "is equal to", "TX")) },
    ],
  };

  it("nested: CA Daily full → CA lead fails with its reason; TX lead increments Monthly and TX Daily", async () => {
    const h = harness({ fields: FIELDS, caps: [nested], sources: [source()] });
    const [monthly, caDaily, txDaily] = [h.flow.caps[0], h.flow.caps[0].children[0], h.flow.caps[0].children[1]];
    for (let i = 0; i < 25; i++) expect((await h.run({ state: "CA" })).outcome).toBe("success");
    expect(await h.run({ state: "CA" })).toMatchObject({ outcome: "failure", reason: "Daily cap exceeded: CA leads" });
    const tx = await h.run({ state: "TX" });
    expect(tx.outcome).toBe("success");
    expect(sourceEvent(tx).cap_ids).toEqual([monthly.id, txDaily.id]);
    expect(h.ports.caps.newestCounter(`${FLOW_ID}:${monthly.id}`)!.count).toBe(26);
    expect(h.ports.caps.newestCounter(`${FLOW_ID}:${txDaily.id}`)!.count).toBe(1);
    expect(h.ports.caps.newestCounter(`${FLOW_ID}:${caDaily.id}`)!.count).toBe(25);
  });

  it("a parent whose rules fail hides its children", async () => {
    const h = harness(
      {
        fields: FIELDS,
        caps: [
          {
            name: "Premium",
            maximum: 50,
            duration_units: "day",
            rule_set: all(rule("credit_score_acme", "is greater than", 700)),
            caps: [{ name: "Premium CA", maximum: 0, duration_units: "day", rule_set: all(rule("state", "is equal to", "CA")) }],
          },
        ],
        sources: [source()],
      },
      custom,
    );
    const out = await h.run({ state: "CA", credit_score_acme: "650" });
    expect(out.outcome).toBe("success");
    expect(out.bookkeeping.caps).toEqual([]);
    expect((await h.run({ state: "CA", credit_score_acme: "720" })).outcome).toBe("failure");
  });

  it("flow cap full and source cap full → the flow cap's reason", async () => {
    const h = harness({
      fields: FIELDS,
      caps: [{ maximum: 0, duration_units: "day", reason: "Flow full" }],
      sources: [source({ caps: [{ maximum: 0, duration_units: "day", reason: "Source full" }] })],
    });
    expect((await h.run({ state: "TX" })).reason).toBe("Flow full");
  });

  it("a full source cap reserves nothing anywhere (all or nothing)", async () => {
    const h = harness({
      fields: FIELDS,
      caps: [{ id: "5fd438f91f0d12766e2bfee9", maximum: 5, duration_units: "day" }],
      sources: [source({ caps: [{ maximum: 0, duration_units: "day" }] })],
    });
    const out = await h.run({ state: "TX" });
    expect(out).toMatchObject({ outcome: "failure", decidedBy: { scope: "source" } });
    expect(h.ports.caps.newestCounter(`${FLOW_ID}:5fd438f91f0d12766e2bfee9`)!.holds.size).toBe(0);
  });

  it("percentage caps: floor(parent × percent) for the same period (04 §4.5)", async () => {
    const h = harness({
      fields: FIELDS,
      caps: [
        {
          maximum: 10,
          duration_units: "month",
          caps: [
            { maximum_percent: 40, duration_units: "month", rule_set: all(rule("source.id", "is equal to", "6369a0e534c9d4ebe142e0ef")) },
            { maximum_percent: 60, duration_units: "month", rule_set: all(rule("source.id", "is equal to", "999")) },
          ],
        },
      ],
      sources: [source()],
    });
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push((await h.run({ state: "TX" })).outcome);
    expect(outcomes).toEqual(["success", "success", "success", "success", "failure", "failure"]);
  });

  it("reservations are held while a lead is in flight: concurrent leads cannot over-fill", async () => {
    const h = harness({ fields: FIELDS, caps: [{ maximum: 3, duration_units: "day" }], sources: [source()] });
    const results = await Promise.all(Array.from({ length: 10 }, () => h.run({ state: "TX" })));
    expect(results.filter((r) => r.outcome === "success")).toHaveLength(3);
  });

  it("replay checks caps read-only", async () => {
    const h = harness({ fields: FIELDS, caps: [{ maximum: 1, duration_units: "day" }], sources: [source()] });
    expect((await h.run({ state: "TX" }, {}, { dryRun: true })).outcome).toBe("success");
    expect((await h.run({ state: "TX" }, {}, { dryRun: true })).outcome).toBe("success");
    expect((await h.run({ state: "TX" })).outcome).toBe("success");
    expect((await h.run({ state: "TX" }, {}, { dryRun: true })).reason).toBe("Cap reached");
  });
});
