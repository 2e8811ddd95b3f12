import { describe, expect, it } from "vitest";
import { anonymous, as, createList, unique, waitForJob } from "./fixtures";

describe("suppression lists", () => {
  it("creates, reads, replaces and lists lists with kind/q filters and item counts", async () => {
    const editor = await as("editor");
    const tag = unique();
    const created = await editor.post("/api/suppression-lists", { name: `Internal DNC ${tag}`, kind: "dnc", description: "Do not call" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: `Internal DNC ${tag}`, kind: "dnc", description: "Do not call", item_count: 0 });
    const id = created.body.id;
    const customers = await editor.post("/api/suppression-lists", { name: `Customers ${tag}`, kind: "customer" });

    const dup = await editor.post("/api/suppression-lists", { name: `internal dnc ${tag}`, kind: "custom" });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toBe("conflict");

    const put = await editor.put(`/api/suppression-lists/${id}`, { name: `Internal DNC ${tag} (2024)`, kind: "dnc" });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: `Internal DNC ${tag} (2024)`, description: "" });
    expect((await editor.put(`/api/suppression-lists/${id}`, { name: `Customers ${tag}`, kind: "dnc" })).status).toBe(409);

    const viewer = await as("viewer");
    const dnc = await viewer.get(`/api/suppression-lists?kind=dnc&q=${tag}`);
    expect(dnc.body.data.map((l: { id: string }) => l.id)).toEqual([id]);
    const both = await viewer.get(`/api/suppression-lists?kind=dnc&kind=customer&q=${tag}&limit=1`);
    expect(both.body.data.map((l: { id: string }) => l.id)).toEqual([id]);
    const next = await viewer.get(`/api/suppression-lists?kind=dnc&kind=customer&q=${tag}&limit=1&cursor=${both.body.next_cursor}`);
    expect(next.body.data.map((l: { id: string }) => l.id)).toEqual([customers.body.id]);
    expect(next.body.next_cursor).toBeNull();

    expect((await viewer.post("/api/suppression-lists", { name: "x", kind: "dnc" })).status).toBe(403);
    expect((await anonymous().get("/api/suppression-lists")).status).toBe(401);
    expect((await editor.post("/api/suppression-lists", { name: "x", kind: "blocklist" })).body.issues[0].path).toBe("kind");
    expect((await viewer.get(`/api/suppression-lists/${"0".repeat(24)}`)).status).toBe(404);

    const del = await editor.delete(`/api/suppression-lists/${customers.body.id}`);
    expect(del.status).toBe(200);
    expect((await viewer.get(`/api/suppression-lists/${customers.body.id}`)).status).toBe(404);
  });
});

describe("suppression list items", () => {
  it("adds values normalized (trimmed, lower-cased; phone/email modes), counts duplicates, refreshes added_at", async () => {
    const editor = await as("editor");
    const list = await createList("custom");
    const items = `/api/suppression-lists/${list.id}/items`;
    const first = await editor.post(items, { values: ["  Ann@Example.com ", "5127891111", "ann@example.com", "   "] });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ added: 2, already_present: 1, invalid: [{ index: 3, value: "   " }] });

    const phones = await editor.post(items, { values: ["(512) 789-1111", "+1 212 555 1212", "n/a"], normalize: "phone" });
    expect(phones.body).toEqual({ added: 1, already_present: 1, invalid: [{ index: 2, value: "n/a" }] });

    const viewer = await as("viewer");
    const lookup = await viewer.get(`${items}?value=${encodeURIComponent(" ANN@example.com")}`);
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ value: "ann@example.com", found: true, added_at: expect.any(String) });
    const missing = await viewer.get(`${items}?value=nobody@example.com`);
    expect(missing.status).toBe(200);
    expect(missing.body).toMatchObject({ value: "nobody@example.com", found: false, added_at: null });
    const phoneLookup = await viewer.get(`${items}?value=${encodeURIComponent("1 (212) 555-1212")}&normalize=phone`);
    expect(phoneLookup.body.found).toBe(true);

    const before = lookup.body.added_at;
    await new Promise((r) => setTimeout(r, 20));
    const again = await editor.post(items, { values: ["ann@example.com"] });
    expect(again.body).toEqual({ added: 0, already_present: 1, invalid: [] });
    const refreshed = await viewer.get(`${items}?value=ann@example.com`);
    expect(Date.parse(refreshed.body.added_at)).toBeGreaterThan(Date.parse(before));

    expect((await viewer.get(`/api/suppression-lists/${list.id}`)).body.item_count).toBe(3);
  });

  it("pages newest first, searches by prefix, removes values", async () => {
    const editor = await as("editor");
    const list = await createList("dnc");
    const items = `/api/suppression-lists/${list.id}/items`;
    await editor.post(items, { values: ["5125550001", "5125550002", "2125550003"] });
    await new Promise((r) => setTimeout(r, 20));
    await editor.post(items, { values: ["5125550004"] });

    const viewer = await as("viewer");
    const page1 = await viewer.get(`${items}?limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.body.data[0]).toEqual({ value: "5125550004", added_at: expect.any(String), expires_at: null });
    expect(page1.body.data).toHaveLength(2);
    const page2 = await viewer.get(`${items}?limit=2&cursor=${page1.body.next_cursor}`);
    expect(page2.body.data).toHaveLength(2);
    expect(page2.body.next_cursor).toBeNull();
    const all = [...page1.body.data, ...page2.body.data].map((i: { value: string }) => i.value);
    expect(new Set(all).size).toBe(4);

    const prefix = await viewer.get(`${items}?prefix=512&limit=2`);
    expect(prefix.body.data.map((i: { value: string }) => i.value)).toEqual(["5125550001", "5125550002"]);
    const prefix2 = await viewer.get(`${items}?prefix=512&limit=2&cursor=${prefix.body.next_cursor}`);
    expect(prefix2.body.data.map((i: { value: string }) => i.value)).toEqual(["5125550004"]);

    const removed = await editor.delete(items, { values: ["5125550001", "9999999999"] });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ removed: 1, not_found: 1 });
    expect((await viewer.get(`/api/suppression-lists/${list.id}`)).body.item_count).toBe(3);
    expect((await viewer.delete(items, { values: ["5125550002"] })).status).toBe(403);
  });

  it("refuses more than 10,000 values per call and bad bodies", async () => {
    const editor = await as("editor");
    const list = await createList("custom");
    const items = `/api/suppression-lists/${list.id}/items`;
    const tooMany = await editor.post(items, { values: Array.from({ length: 10_001 }, (_, i) => `v${i}`) });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.issues[0].path).toBe("values");
    expect((await editor.post(items, { values: [] })).status).toBe(422);
    expect((await editor.post(items, { values: ["a"], normalize: "zip" })).body.issues[0].path).toBe("normalize");
    expect((await editor.post(`/api/suppression-lists/${"0".repeat(24)}/items`, { values: ["a"] })).status).toBe(404);
    const tenThousand = await editor.post(items, { values: Array.from({ length: 10_000 }, (_, i) => `value-${i}`) });
    expect(tenThousand.status).toBe(200);
    expect(tenThousand.body.added).toBe(10_000);
  });

  it("A11: the same Idempotency-Key and body replays the first answer; another body is a conflict", async () => {
    const editor = await as("editor");
    const list = await createList("dnc");
    const items = `/api/suppression-lists/${list.id}/items`;
    const key = `idem-${unique()}`;
    const body = { values: ["5125551111", "5125552222"] };
    const first = await editor.post(items, body, { "Idempotency-Key": key });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ added: 2, already_present: 0, invalid: [] });
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const second = await editor.post(items, body, { "Idempotency-Key": key });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect((await editor.get(`/api/suppression-lists/${list.id}`)).body.item_count).toBe(2);

    const other = await editor.post(items, { values: ["5125553333"] }, { "Idempotency-Key": key });
    expect(other.status).toBe(409);
    expect(other.body.error).toBe("idempotency_conflict");
    expect((await editor.post(items, body, { "Idempotency-Key": "" })).status).toBe(400);
    expect((await editor.post(items, body, { "Idempotency-Key": "k".repeat(256) })).status).toBe(400);
  });
});

/** A CSV with a header, duplicates, bad rows and quoted cells. */
function generateCsv(rows: number) {
  const lines = ["phone,name"];
  const expected = { rows, valid: new Set<string>(), invalid: [] as Array<{ row: number; value: string }> };
  for (let i = 0; i < rows; i++) {
    const line = i + 2;
    if (i % 97 === 5) {
      lines.push(`n/a,"Smith, John"`);
      expected.invalid.push({ row: line, value: "n/a" });
    } else if (i % 50 === 7) {
      // A duplicate of an earlier row, written differently.
      const n = 2000000000 + (i - 7);
      lines.push(`"(${String(n).slice(0, 3)}) ${String(n).slice(3, 6)}-${String(n).slice(6)}",dup`);
      expected.valid.add(String(n));
    } else {
      const n = 2000000000 + i;
      lines.push(`1${n},row ${i}`);
      expected.valid.add(String(n));
    }
  }
  return { csv: lines.join("\r\n") + "\r\n", expected };
}

describe("suppression list CSV upload", () => {
  it("imports a generated CSV with duplicates and bad rows as an asynchronous job", async () => {
    const editor = await as("editor");
    const list = await createList("dnc");
    const { csv, expected } = generateCsv(20_000);
    const res = await editor.post(`/api/suppression-lists/${list.id}/items/upload?normalize=phone`, csv, { "Content-Type": "text/csv" });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ job_id: expect.stringMatching(/^[0-9a-f]{24}$/), status: "running" });

    const job = await waitForJob(editor, list.id, res.body.job_id);
    expect(job).toMatchObject({
      status: "done",
      rows: expected.rows,
      added: expected.valid.size,
      invalid: expected.invalid.length,
      already_present: expected.rows - expected.valid.size - expected.invalid.length,
      error: null,
    });
    expect(job.invalid_sample).toEqual(expected.invalid.slice(0, 10));
    const viewer = await as("viewer");
    expect((await viewer.get(`/api/suppression-lists/${list.id}`)).body.item_count).toBe(expected.valid.size);
    expect((await viewer.get(`/api/suppression-lists/${list.id}/items?value=2000000000`)).body.found).toBe(true);

    // The same file again: everything is already present.
    const again = await editor.post(`/api/suppression-lists/${list.id}/items/upload?normalize=phone&column=phone`, csv, { "Content-Type": "text/csv" });
    const job2 = await waitForJob(editor, list.id, again.body.job_id);
    expect(job2).toMatchObject({ status: "done", added: 0, already_present: expected.rows - expected.invalid.length });
  });

  it("accepts multipart uploads, column names and indexes, and explicit header settings", async () => {
    const editor = await as("editor");
    const list = await createList("customer");
    const form = new FormData();
    form.append("file", new Blob(["id,email\n1,Ann@Example.com\n2,bob@example.com\n3,not-an-email\n"], { type: "text/csv" }), "customers.csv");
    const res = await editor.post(`/api/suppression-lists/${list.id}/items/upload?column=email&normalize=email`, form);
    expect(res.status).toBe(202);
    const job = await waitForJob(editor, list.id, res.body.job_id);
    expect(job).toMatchObject({ status: "done", rows: 3, added: 2, invalid: 1, invalid_sample: [{ row: 4, value: "not-an-email" }] });

    // No header: every row is data (a list of words is never mistaken for a header).
    const words = await editor.post(`/api/suppression-lists/${list.id}/items/upload?column=1`, "spam\nham\n", { "Content-Type": "text/csv" });
    expect((await waitForJob(editor, list.id, words.body.job_id)).added).toBe(2);
    const forced = await editor.post(`/api/suppression-lists/${list.id}/items/upload?header=true`, "spam\neggs\n", { "Content-Type": "text/csv" });
    expect((await waitForJob(editor, list.id, forced.body.job_id))).toMatchObject({ rows: 1, added: 1 });
  });

  it("refuses unknown columns (422), other content types (415), viewers (403), unknown lists and jobs (404)", async () => {
    const editor = await as("editor");
    const list = await createList("dnc");
    const upload = `/api/suppression-lists/${list.id}/items/upload`;
    const noColumn = await editor.post(`${upload}?column=phone`, "email\na@b.c\n", { "Content-Type": "text/csv" });
    expect(noColumn.status).toBe(422);
    expect(noColumn.body.issues[0].path).toBe("column");
    const json = await editor.post(upload, { values: ["x"] });
    expect(json.status).toBe(415);
    expect((await (await as("viewer")).post(upload, "a\n", { "Content-Type": "text/csv" })).status).toBe(403);
    expect((await editor.post(`/api/suppression-lists/${"0".repeat(24)}/items/upload`, "a\n", { "Content-Type": "text/csv" })).status).toBe(404);
    expect((await editor.get(`/api/suppression-lists/${list.id}/uploads/${"0".repeat(24)}`)).status).toBe(404);
  });

  it("replays an upload with the same Idempotency-Key instead of importing twice", async () => {
    const editor = await as("editor");
    const list = await createList("dnc");
    const key = `upload-${unique()}`;
    const upload = `/api/suppression-lists/${list.id}/items/upload?normalize=phone`;
    const first = await editor.post(upload, "phone\n5125550101\n", { "Content-Type": "text/csv", "Idempotency-Key": key });
    const second = await editor.post(upload, "phone\n5125550101\n", { "Content-Type": "text/csv", "Idempotency-Key": key });
    expect(second.status).toBe(202);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.body.job_id).toBe(first.body.job_id);
    const different = await editor.post(upload, "phone\n5125550102\n", { "Content-Type": "text/csv", "Idempotency-Key": key });
    expect(different.status).toBe(409);
  });
});
