import { describe, expect, it } from "vitest";
import { commaList } from "./suppression-list-step";
import type { RecipientEvent } from "./types";
import { harness, source } from "./testing";

const step = (op: string, mappings: Array<{ property: string; value: unknown }>) => ({
  type: "recipient",
  entity: { id: "5fd43a1e940df5a34a3888c9", name: "Lists" },
  integration: { module_id: `suppressionlist.outbound.${op}`, mappings },
});
const flowWith = (...steps: unknown[]) => harness({ fields: ["email"], sources: [source()], steps });

// 05 §6 in-flow suppression-list steps.
describe("05 §6 suppression-list steps", () => {
  it("#32 two concurrent is_unique with one value on an empty list: one success, one failure Duplicate", async () => {
    const h = flowWith(step("is_unique", [{ property: "list_name", value: "Seen Emails" }, { property: "value", value: "{{lead.email}}" }]));
    h.ports.lists.createList("l1", "Seen Emails");
    const [a, b] = await Promise.all([h.run({ email: "ann@example.com" }), h.run({ email: "ANN@example.com" })]);
    const outcomes = [a.events[0], b.events[0]].map((e) => `${e.outcome}:${e.reason}`).sort();
    expect(outcomes).toEqual(["failure:Duplicate", "success:null"]);
    const dup = [a, b].find((o) => o.events[0].outcome === "failure")!;
    expect((dup.vars.appended as Record<string, Record<string, unknown>>).suppressionlist).toMatchObject({
      is_unique: { outcome: "failure", reason: "Duplicate" },
      query_item: { found: true, found_in: ["Seen Emails"] },
      add_item: { accepted: 0, rejected: 1 },
    });
    // The step outcome never changes the lead (00 §2).
    expect(dup.outcome).toBe("success");
  });

  it("query_item by URL name; found_in and added_at; then add_item and delete_item", async () => {
    const h = flowWith(
      step("query_item", [{ property: "list_names", value: "customers, vips" }, { property: "value", value: "{{lead.email}}" }]),
      step("add_item", [{ property: "list_name", value: "vips" }, { property: "values", value: '{{lead.email}},"x,y@z.co"' }]),
      step("delete_item", [{ property: "list_name", value: "customers" }, { property: "values", value: "{{lead.email}}, nobody@x.co" }]),
    );
    h.ports.lists.createList("c", "Customers", ["ann@example.com"], Date.parse("2024-01-01T00:00:00Z"));
    h.ports.lists.createList("v", "VIPs");
    const out = await h.run({ email: "Ann@Example.com" });
    const data = (out.vars.appended as Record<string, Record<string, unknown>>).suppressionlist;
    expect(data.query_item).toEqual({ found: true, found_in: ["Customers"], added_at: "2024-01-01T00:00:00.000Z", outcome: "success", reason: null });
    expect(data.add_item).toEqual({ accepted: 2, rejected: 0, outcome: "success", reason: null });
    expect(data.delete_item).toEqual({ deleted: 1, rejected: 1, outcome: "success", reason: null });
    expect(h.ports.lists.lists.get("v")!.items.has("x,y@z.co")).toBe(true);
    expect(out.events.every((e) => e.type === "source" || (e as RecipientEvent).delivery.status === "none")).toBe(true);
  });

  it("validation texts and unknown lists", async () => {
    const cases: Array<[string, Array<{ property: string; value: unknown }>, string]> = [
      ["query_item", [{ property: "value", value: "x" }], "a list name is required"],
      ["query_item", [{ property: "list_names", value: "customers" }], "value required"],
      ["add_item", [{ property: "list_name", value: "customers" }], "values must not be blank"],
      ["add_item", [{ property: "list_name", value: "customers,vips" }, { property: "values", value: "x" }], "multiple lists not supported"],
      ["is_unique", [{ property: "list_name", value: "customers" }, { property: "value", value: "a,b" }], "multiple values not supported"],
      ["query_item", [{ property: "list_names", value: "nope" }, { property: "value", value: "x" }], "List not found: nope"],
    ];
    for (const [op, mappings, reason] of cases) {
      const h = flowWith(step(op, mappings));
      h.ports.lists.createList("c", "Customers");
      h.ports.lists.createList("v", "VIPs");
      expect((await h.run({ email: "a@b.co" })).events[0]).toMatchObject({ outcome: "error", reason });
    }
  });

  it("a skipped query leaves the previous found (05 §4.3)", async () => {
    const h = flowWith(
      step("query_item", [{ property: "list_names", value: "customers" }, { property: "value", value: "{{lead.email}}" }]),
      { ...step("query_item", [{ property: "list_names", value: "customers" }, { property: "value", value: "{{lead.email}}" }]), rule_set: { op: "and", rules: [{ lhv: "email", op: "is blank" }] } },
    );
    h.ports.lists.createList("c", "Customers", ["a@b.co"]);
    const out = await h.run({ email: "a@b.co" });
    expect((out.vars.appended as Record<string, Record<string, unknown>>).suppressionlist.query_item).toMatchObject({ found: true, outcome: "skip", reason: "Email must be blank" });
  });

  it("replay runs queries read-only and skips writes", async () => {
    const h = flowWith(step("add_item", [{ property: "list_name", value: "customers" }, { property: "values", value: "{{lead.email}}" }]));
    h.ports.lists.createList("c", "Customers");
    const out = await h.run({ email: "a@b.co" }, {}, { dryRun: true });
    expect(out.events[0]).toMatchObject({ outcome: "skip", reason: "Replay: not delivered" });
    expect(h.ports.lists.lists.get("c")!.items.size).toBe(0);
  });

  it("comma lists: quoted items may hold commas", () => {
    expect(commaList(' a, "b, c" ,, d ')).toEqual(["a", "b, c", "d"]);
  });
});
