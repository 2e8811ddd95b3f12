/**
 * Retention (06 §4, vector 13): a lead and all its events expire together at submission +
 * retention_days; the purge deletes them, after which the lead answers 404. Cap counters and
 * duplicate history stay.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { purgeExpiredLeads } from "@/lib/store/retention/purge";
import { apiClient, signIn, type ApiClient } from "./harness";
import { deployFlow, source, sql, submit, type Deployed } from "./intake-fixtures";

const DAY = 86_400_000;
let api: ApiClient;
let flow: Deployed;

beforeAll(async () => {
  api = await signIn();
  flow = await deployFlow({
    name: "Retention flow",
    fields: ["email", "state"],
    suppression: { duplicate: { enabled: true, fields: ["email"], match: "all", lookback: null, scope: "flow" }, lists: [] },
    sources: [source({ entity: { id: newId(), name: "Retention Vendor" } })],
    steps: [],
  });
});

describe("retention", () => {
  it("stamps every event with the lead's expiry and purges expired leads with their events", async () => {
    const account = await api.get("/api/account");
    const days = account.body.retention_days as number;
    const old = (await submit(flow.submitUrl, { email: "old.lead@example.com", state: "TX" })).body.lead.id as string;
    const fresh = (await submit(flow.submitUrl, { email: "fresh.lead@example.com", state: "TX" })).body.lead.id as string;

    const read = await api.get(`/api/leads/${old}`);
    expect(read.status).toBe(200);
    const received = Date.parse(read.body.submitted_at ?? read.body.received_at ?? read.body.events[0].timestamp);
    for (const e of read.body.events) expect(e.expires_at).toBe(new Date(received + days * DAY).toISOString());

    // Make one lead older than the retention; HTTP cannot submit in the past.
    await sql.run(`UPDATE "Lead" SET "receivedAt" = ? WHERE "id" = ?`, [sql.time(new Date(Date.now() - (days + 1) * DAY)), old]);
    const result = await purgeExpiredLeads(sql);
    expect(result.leads).toBeGreaterThanOrEqual(1);

    expect((await api.get(`/api/leads/${old}`)).status).toBe(404);
    expect(await sql.all(`SELECT "id" FROM "Event" WHERE "leadId" = ?`, [old])).toEqual([]);
    expect((await api.get(`/api/leads/${fresh}`)).status).toBe(200);

    // Duplicate history is not lead data: the purged lead's email is still a duplicate.
    const again = await submit(flow.submitUrl, { email: "old.lead@example.com", state: "TX" });
    expect(again.body.outcome).toBe("failure");
    expect(again.body.reason).toMatch(/^Duplicate lead/);
  });

  it("refuses a retention shorter than 7 days", async () => {
    const res = await api.patch("/api/account", { retention_days: 5 });
    expect(res.status).toBe(422);
  });
});
