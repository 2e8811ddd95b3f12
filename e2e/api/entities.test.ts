import { describe, expect, it } from "vitest";
import { anonymous, as, createEntity, createFlow, flowDocument, unique, url } from "./fixtures";

describe("entities", () => {
  it("creates, reads, replaces and lists entities with role and name filters", async () => {
    const editor = await as("editor");
    const tag = unique();
    const created = await editor.post("/api/entities", { name: `Vendor ${tag}`, roles: ["source"], description: "Solar leads" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: `Vendor ${tag}`, roles: ["source"], description: "Solar leads", website: null, flows: [] });
    const id = created.body.id;

    const put = await editor.put(`/api/entities/${id}`, { name: `Vendor ${tag} Inc`, roles: ["source", "recipient"], website: "https://vendor.example" });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: `Vendor ${tag} Inc`, roles: ["source", "recipient"], website: "https://vendor.example", description: "" });

    const viewer = await as("viewer");
    expect((await viewer.get(`/api/entities/${id}`)).body.name).toBe(`Vendor ${tag} Inc`);
    const buyer = await editor.post("/api/entities", { name: `Buyer ${tag}`, roles: ["recipient"] });

    const asRecipient = await viewer.get(`/api/entities?role=recipient&q=${tag}`);
    expect(asRecipient.body.data.map((e: { id: string }) => e.id)).toEqual([id, buyer.body.id]);
    const asSource = await viewer.get(`/api/entities?role=source&q=${tag.toUpperCase()}`);
    expect(asSource.body.data.map((e: { id: string }) => e.id)).toEqual([id]);
    const either = await viewer.get(`/api/entities?role=source&role=recipient&q=${tag}&limit=1`);
    expect(either.body.data).toHaveLength(1);
    expect(either.body.next_cursor).toEqual(expect.any(String));
    expect((await viewer.get("/api/entities?role=buyer")).status).toBe(400);
  });

  it("/api/sources and /api/recipients are aliases that preset the role", async () => {
    const editor = await as("editor");
    const tag = unique();
    const source = await editor.post("/api/sources", { name: `Src ${tag}` });
    const recipient = await editor.post("/api/recipients", { name: `Rcp ${tag}` });
    expect(source.status).toBe(201);
    expect(source.body.roles).toEqual(["source"]);
    expect(recipient.body.roles).toEqual(["recipient"]);
    const viewer = await as("viewer");
    expect((await viewer.get(`/api/sources?q=${tag}`)).body.data.map((e: { id: string }) => e.id)).toEqual([source.body.id]);
    expect((await viewer.get(`/api/recipients?q=${tag}`)).body.data.map((e: { id: string }) => e.id)).toEqual([recipient.body.id]);
  });

  it("validates bodies (422 with paths), enforces roles (403/401), 404 for unknown ids", async () => {
    const editor = await as("editor");
    const bad = await editor.post("/api/entities", { name: "", roles: ["vendor"] });
    expect(bad.status).toBe(422);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(["name", "roles.0"]);
    const notJson = await editor.post("/api/entities", "name=x", { "Content-Type": "application/x-www-form-urlencoded" });
    expect(notJson.status).toBe(415);
    expect(notJson.body.error).toBe("unsupported_media_type");
    const broken = await editor.post("/api/entities", "{oops", { "Content-Type": "application/json" });
    expect(broken.status).toBe(400);

    expect((await (await as("viewer")).post("/api/entities", { name: "x", roles: ["source"] })).status).toBe(403);
    expect((await anonymous().get("/api/entities")).status).toBe(401);
    expect((await editor.get(`/api/entities/${"0".repeat(24)}`)).status).toBe(404);
    expect((await editor.put(`/api/entities/${"0".repeat(24)}`, { name: "x", roles: ["source"] })).status).toBe(404);
    expect((await editor.delete(`/api/entities/${"0".repeat(24)}`)).status).toBe(404);
  });

  it("shows the flows that use an entity and refuses to delete it while used (409), then deletes", async () => {
    const editor = await as("editor");
    const source = await createEntity(["source"]);
    const flow = await createFlow(flowDocument(source));
    const read = await (await as("viewer")).get(`/api/entities/${source.id}`);
    expect(read.body.flows).toEqual([{ id: flow.id, name: flow.name, as: "source" }]);

    const blocked = await editor.delete(`/api/entities/${source.id}`);
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ error: "conflict", references: [{ flow_id: flow.id, version: 1 }] });

    expect((await editor.delete(`/api/flows/${flow.id}`)).status).toBe(200);
    const deleted = await editor.delete(`/api/entities/${source.id}`);
    expect(deleted.status).toBe(200);
    expect((await editor.get(`/api/entities/${source.id}`)).status).toBe(404);
  });
});

describe("source API keys", () => {
  it("admins create keys shown once, list them by prefix, and revoke them", async () => {
    const adminApi = await as("admin");
    const entity = await createEntity(["source"]);
    const first = await adminApi.post(`/api/entities/${entity.id}/keys`, { name: "primary" });
    expect(first.status).toBe(201);
    expect(first.body.key).toMatch(/^lfs_[A-Za-z0-9_-]{43}$/);
    expect(first.body.prefix).toBe(first.body.key.slice(0, 8));
    expect(first.body).toMatchObject({ name: "primary", revoked_at: null, last_used_at: null });
    const second = await adminApi.call("POST", `/api/entities/${entity.id}/keys`);
    expect(second.status).toBe(201);
    expect(second.body.key).not.toBe(first.body.key);

    const list = await adminApi.get(`/api/entities/${entity.id}/keys`);
    expect(list.status).toBe(200);
    expect(list.body.data.map((k: { id: string }) => k.id)).toEqual([first.body.id, second.body.id]);
    expect(JSON.stringify(list.body)).not.toContain(first.body.key);

    const revoked = await adminApi.delete(`/api/entities/${entity.id}/keys/${first.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked_at).toEqual(expect.any(String));
    const after = await adminApi.get(`/api/entities/${entity.id}/keys`);
    expect(after.body.data.find((k: { id: string }) => k.id === first.body.id).revoked_at).toEqual(expect.any(String));
    expect((await adminApi.delete(`/api/entities/${entity.id}/keys/${"0".repeat(24)}`)).status).toBe(404);
    expect((await adminApi.get(`/api/entities/${"0".repeat(24)}/keys`)).status).toBe(404);
  });

  it("keys are admin-only", async () => {
    const entity = await createEntity(["source"]);
    for (const role of ["editor", "viewer"] as const) {
      const api = await as(role);
      expect((await api.get(`/api/entities/${entity.id}/keys`)).status).toBe(403);
      expect((await api.post(`/api/entities/${entity.id}/keys`, {})).status).toBe(403);
    }
    expect((await fetch(url(`/api/entities/${entity.id}/keys`))).status).toBe(401);
  });
});
