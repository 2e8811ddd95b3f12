import { describe, expect, it } from "vitest";
import { FLOW_ID, harness, source } from "./testing";

const FIELDS = ["email", "phone_1", "phone_2", "postal_code"];
const ANN = { email: "ann@x.com", phone_1: "5127891111" };
const DAY = 86_400_000;

function dupFlow(duplicate: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return harness({ fields: FIELDS, sources: [source()], suppression: { duplicate: { fields: ["email", "phone_1"], ...duplicate } }, ...extra }, { now: "2024-01-15T09:00:00.000Z" });
}

// 04 §2 examples.
describe("04 §2 duplicate check", () => {
  it("a pair recorded 2024-01-10 10:00 is a duplicate on 2024-01-15 09:00: seen 4 days ago", async () => {
    const h = dupFlow({ lookback: { value: 30, interval: "day" } });
    h.ports.duplicates.record(FLOW_ID, "ann@x.com|5127891111", Date.parse("2024-01-10T10:00:00Z"));
    const out = await h.run(ANN);
    expect(out).toMatchObject({ outcome: "failure", reason: "Duplicate lead - seen 4 days ago", decidedBy: { stage: "suppression", scope: "duplicate" } });
    const src = out.events[0] as unknown as Record<string, unknown>;
    expect(src.duplicate).toEqual({ checked: true, key: "ann@x.com|5127891111", is_duplicate: true, days_ago: 4, recorded: false });
    expect((out.vars.appended as Record<string, unknown>).suppressionlist).toEqual({ is_duplicate: true, duplicate_days_ago: 4 });
  });

  it("with a 3-day lookback it is not a duplicate", async () => {
    const h = dupFlow({ lookback: { value: 3, interval: "day" } });
    h.ports.duplicates.record(FLOW_ID, "ann@x.com|5127891111", Date.parse("2024-01-10T10:00:00Z"));
    expect((await h.run(ANN)).outcome).toBe("success");
  });

  it("keys of successful leads are recorded; failed leads release theirs", async () => {
    const h = dupFlow({}, { steps: [{ type: "filter", rule_set: { op: "and", rules: [{ lhv: "email", op: "includes", rhv: "stop" }] } }] });
    const stopped = await h.run({ email: "stop@x.com", phone_1: "5127891111" });
    expect(stopped.outcome).toBe("failure");
    expect(stopped.bookkeeping.duplicate).toMatchObject({ record: false });
    expect((await h.run({ email: "stop@x.com", phone_1: "5127891111" })).reason).not.toMatch(/Duplicate/);
    const first = await h.run(ANN);
    expect(first.bookkeeping.duplicate).toMatchObject({ keys: ["ann@x.com|5127891111"], record: true });
    expect((first.events.at(-1) as unknown as { duplicate: { recorded: boolean } }).duplicate.recorded).toBe(true);
    const again = await h.run(ANN);
    expect(again).toMatchObject({ outcome: "failure", reason: "Duplicate lead - seen 0 days ago" });
  });

  it("rapid fire: a key in flight for another lead counts as seen", async () => {
    const h = dupFlow({});
    // A lead claims the key and has not completed yet.
    await h.ports.duplicates.claim({ scope: FLOW_ID, keys: ["ann@x.com|5127891111"], since: null, leadId: "other", now: h.clock.now(), leaseUntil: h.clock.now() + 60_000 });
    expect((await h.run(ANN)).reason).toBe("Duplicate lead - seen 0 days ago");
    h.clock.advance(61_000); // the lease expired: the claim no longer counts
    expect((await h.run(ANN)).outcome).toBe("success");
  });

  it("match all: a blank field skips the check; match any checks each field", async () => {
    const h = dupFlow({});
    h.ports.duplicates.record(FLOW_ID, "ann@x.com", Date.now());
    const out = await h.run({ email: "ann@x.com" });
    expect(out.outcome).toBe("success");
    expect((out.events[0] as unknown as { duplicate: { checked: boolean } }).duplicate.checked).toBe(false);

    const any = dupFlow({ match: "any" });
    any.ports.duplicates.record(FLOW_ID, "5127891111", Date.parse("2024-01-14T09:00:00Z"));
    expect((await any.run({ email: "new@x.com", phone_1: "(512) 789-1111" })).reason).toBe("Duplicate lead - seen 1 days ago");
  });

  it("account scope shares history across flows; a custom reason template", async () => {
    const h = dupFlow({ scope: "account", reason: "Dup ({{appended.suppressionlist.duplicate_days_ago}}d)" });
    h.ports.duplicates.record("account", "ann@x.com|5127891111", Date.parse("2024-01-13T09:00:00Z"));
    expect((await h.run(ANN)).reason).toBe("Dup (2d)");
  });

  it("values are compared as normal, lower-cased and trimmed", async () => {
    const h = dupFlow({});
    h.ports.duplicates.record(FLOW_ID, "ann@x.com|5127891111", Date.now() - DAY);
    expect((await h.run({ email: "  ANN@X.com ", phone_1: "(512) 789-1111" })).outcome).toBe("failure");
  });
});

describe("04 §2 list checks", () => {
  function listFlow(lists: unknown[]) {
    return harness({ fields: FIELDS, sources: [source()], suppression: { lists } });
  }

  it("DNC on phone_1..3: the first match rejects with the entry's reason", async () => {
    const h = listFlow([{ kind: "dnc", list_ids: ["dnc1"], fields: ["phone_1", "phone_2", "phone_3"], reason: "Phone on DNC list" }]);
    h.ports.lists.createList("dnc1", "National DNC", ["5125550000"]);
    const out = await h.run({ email: "a@b.co", phone_1: "5127891111", phone_2: "512-555-0000" });
    expect(out).toMatchObject({ outcome: "failure", reason: "Phone on DNC list", decidedBy: { scope: "dnc" } });
    expect((out.vars.appended as Record<string, unknown>).suppressionlist).toEqual({ is_dnc: true, matched_list: "National DNC" });
    expect((out.events[0] as unknown as { suppression: unknown }).suppression).toEqual([{ kind: "dnc", list_ids: ["dnc1"], matched: true, matched_list: "National DNC" }]);
  });

  it("lists run in order after the duplicate check; no match → continue with flags false", async () => {
    const h = harness({
      fields: FIELDS,
      sources: [source()],
      suppression: {
        duplicate: { fields: ["email"] },
        lists: [
          { kind: "customer", list_ids: ["c1"], fields: ["email"] },
          { kind: "custom", list_ids: ["z1"], fields: ["postal_code"], reason: "Suppressed: {{appended.suppressionlist.matched_list}}" },
        ],
      },
    });
    h.ports.lists.createList("c1", "Customers", ["someone@x.com"]);
    h.ports.lists.createList("z1", "Bad zips", ["78701"]);
    const pass = await h.run({ email: "a@b.co", postal_code: "78702" });
    expect(pass.outcome).toBe("success");
    expect((pass.vars.appended as Record<string, unknown>).suppressionlist).toEqual({ is_duplicate: false, duplicate_days_ago: null, is_existing_customer: false });
    const out = await h.run({ email: "b@b.co", postal_code: "78701" });
    expect(out.reason).toBe("Suppressed: Bad zips");
  });

  it("punctuation is not removed: a stored (212) 555-1212 never matches 2125551212", async () => {
    const h = listFlow([{ kind: "custom", list_ids: ["l"], fields: ["email"], reason: "x" }]);
    h.ports.lists.createList("l", "L", ["john o'hara@x.com"]);
    expect((await h.run({ email: "john ohara@x.com" })).outcome).toBe("success");
  });

  it("items older than the lookback are ignored", async () => {
    const h = listFlow([{ kind: "customer", list_ids: ["c1"], fields: ["email"], lookback: { value: 1, interval: "day" } }]);
    h.ports.lists.createList("c1", "Customers", ["a@b.co"], Date.parse("2024-01-10T00:00:00Z"));
    expect((await h.run({ email: "a@b.co" })).outcome).toBe("success");
  });
});
