import { describe, expect, it } from "vitest";
import { admin, anonymous, as, createEntity, createFlow, fieldSuffix, flowDocument, unique } from "./fixtures";

const slug = () => unique().replace(/[^a-z0-9]/g, "");

describe("fields", () => {
  it("lists standard fields (read-only) merged with custom ones, with filters", async () => {
    const suffix = await fieldSuffix();
    const editor = await as("editor");
    const id = `roof_age_${slug()}_${suffix}`;
    expect((await editor.post("/api/fields", { id, name: "Roof Age", type: "range", aggregate: true })).status).toBe(201);

    const viewer = await as("viewer");
    const all = await viewer.get("/api/fields");
    expect(all.status).toBe(200);
    expect(all.body.next_cursor).toBeNull();
    expect(all.body.data.find((f: { id: string }) => f.id === "phone_1")).toMatchObject({ name: "Phone 1", type: "phone", standard: true });
    expect(all.body.data.find((f: { id: string }) => f.id === id)).toMatchObject({ name: "Roof Age", type: "range", standard: false, aggregate: true });

    const custom = await viewer.get("/api/fields?standard=false");
    expect(custom.body.data.every((f: { standard: boolean }) => !f.standard)).toBe(true);
    const phones = await viewer.get("/api/fields?type=phone&standard=true");
    expect(phones.body.data.map((f: { id: string }) => f.id)).toEqual(expect.arrayContaining(["phone_1", "phone_2", "phone_3", "fax"]));
    expect(phones.body.data.every((f: { type: string }) => f.type === "phone")).toBe(true);
    const q = await viewer.get("/api/fields?q=roof%20AGE");
    expect(q.body.data.map((f: { id: string }) => f.id)).toContain(id);
    expect((await viewer.get("/api/fields?type=telephone")).status).toBe(400);

    expect((await viewer.get(`/api/fields/${id}`)).body.id).toBe(id);
    expect((await viewer.get("/api/fields/email")).body).toMatchObject({ id: "email", standard: true, type: "email" });
    expect((await viewer.get("/api/fields/nope_nope")).status).toBe(404);
  });

  it("creates custom fields: suffix rule, id format, uniqueness (409), types", async () => {
    const suffix = await fieldSuffix();
    const editor = await as("editor");
    const id = `loan_amount_${slug()}_${suffix}`;
    const created = await editor.post("/api/fields", { id, name: "Loan Amount", type: "number", description: "Requested amount" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id, name: "Loan Amount", type: "number", standard: false, description: "Requested amount" });
    const again = await editor.post("/api/fields", { id, name: "Loan Amount", type: "number" });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe("conflict");

    const noSuffix = await editor.post("/api/fields", { id: "loan_amount", name: "x", type: "number" });
    expect(noSuffix.status).toBe(422);
    expect(noSuffix.body.issues[0]).toMatchObject({ path: "id", message: expect.stringContaining(`_${suffix}`) });
    const badId = await editor.post("/api/fields", { id: "Loan Amount", name: "x", type: "bignum" });
    expect(badId.status).toBe(422);
    expect(badId.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(["id", "type"]);
    const grouped = await editor.post("/api/fields", { id: `mortgage.rate_${slug()}_${suffix}`, name: "Rate", type: "number" });
    expect(grouped.status).toBe(201);

    expect((await (await as("viewer")).post("/api/fields", { id: `x_${suffix}`, name: "x", type: "string" })).status).toBe(403);
    expect((await anonymous().post("/api/fields", { id: `x_${suffix}`, name: "x", type: "string" })).status).toBe(401);
  });

  it("updates custom fields; standard ones are 403", async () => {
    const suffix = await fieldSuffix();
    const editor = await as("editor");
    const id = `kw_${slug()}_${suffix}`;
    await editor.post("/api/fields", { id, name: "Kilowatts", type: "number" });
    const put = await editor.put(`/api/fields/${id}`, { name: "Kilowatt Hours", type: "string", deprecated: true, see: "email" });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id, name: "Kilowatt Hours", type: "string", deprecated: true, see: "email" });
    const standard = await editor.put("/api/fields/email", { name: "E-mail", type: "email" });
    expect(standard.status).toBe(403);
    expect(standard.body.error).toBe("forbidden");
    expect((await editor.delete("/api/fields/phone_1")).status).toBe(403);
    expect((await editor.put(`/api/fields/unknown_${suffix}`, { name: "x", type: "string" })).status).toBe(404);
  });

  it("deletes an unused field with 200 and a used one with 202 + flow_errors", async () => {
    const suffix = await fieldSuffix();
    const editor = await as("editor");
    const unused = `unused_${slug()}_${suffix}`;
    await editor.post("/api/fields", { id: unused, name: "Unused", type: "string" });
    const del = await editor.delete(`/api/fields/${unused}`);
    expect(del.status).toBe(200);
    expect(del.body.id).toBe(unused);
    expect((await editor.get(`/api/fields/${unused}`)).status).toBe(404);

    const used = `used_${slug()}_${suffix}`;
    await editor.post("/api/fields", { id: used, name: "Used", type: "string" });
    const source = await createEntity();
    const doc = flowDocument(source);
    doc.fields.push(used);
    const flow = await createFlow(doc);
    const res = await editor.delete(`/api/fields/${used}`);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: used, flow_errors: [{ flow_id: flow.id, message: `Field ${used} was deleted but is still used` }] });
  });
});

describe("account", () => {
  it("reads settings (viewer) and updates them (admin); the field suffix is set once", async () => {
    const suffix = await fieldSuffix();
    const viewer = await as("viewer");
    const read = await viewer.get("/api/account");
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ time_zone: expect.any(String), retention_days: expect.any(Number), field_suffix: suffix });

    const api = await admin();
    const patched = await api.patch("/api/account", { time_zone: "America/New_York", retention_days: 120 });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ time_zone: "America/New_York", retention_days: 120 });
    expect((await api.patch("/api/account", { time_zone: "Mars/Olympus" })).body.issues[0].path).toBe("time_zone");
    const change = await api.patch("/api/account", { field_suffix: "zzz" });
    expect(change.status).toBe(409);
    expect((await api.patch("/api/account", { field_suffix: suffix })).status).toBe(200);
    expect((await (await as("editor")).patch("/api/account", { retention_days: 30 })).status).toBe(403);
    await api.patch("/api/account", { time_zone: "America/Chicago", retention_days: 90 });
  });
});
