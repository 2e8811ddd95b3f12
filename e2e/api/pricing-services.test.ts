import { describe, expect, it } from "vitest";
import { anonymous, as, createEntity, createFlow, flowDocument, unique } from "./fixtures";

describe("pricing services", () => {
  it("creates, reads (headers masked), replaces (mask keeps the secret), lists and deletes", async () => {
    const editor = await as("editor");
    const tag = unique();
    const created = await editor.post("/api/pricing-services", {
      name: `Pricer ${tag}`,
      url: "https://pricing.example.com/quote",
      headers: { "X-Api-Key": "s3cret", Accept: "application/json" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: `Pricer ${tag}`, url: "https://pricing.example.com/quote", timeout_ms: 2000, headers: { "X-Api-Key": "********", Accept: "********" } });
    expect(JSON.stringify(created.body)).not.toContain("s3cret");
    const id = created.body.id;

    const viewer = await as("viewer");
    expect((await viewer.get(`/api/pricing-services/${id}`)).body.headers).toEqual({ "X-Api-Key": "********", Accept: "********" });
    const put = await editor.put(`/api/pricing-services/${id}`, { name: `Pricer ${tag} v2`, url: "https://pricing.example.com/v2", headers: { "X-Api-Key": "********" }, timeout_ms: 1500 });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: `Pricer ${tag} v2`, timeout_ms: 1500, headers: { "X-Api-Key": "********" } });
    const unknownMask = await editor.put(`/api/pricing-services/${id}`, { name: "x", url: "https://pricing.example.com/", headers: { "X-Other": "********" } });
    expect(unknownMask.status).toBe(422);
    expect(unknownMask.body.issues[0].path).toBe("headers.X-Other");

    const list = await viewer.get(`/api/pricing-services?q=${tag}`);
    expect(list.body.data.map((s: { id: string }) => s.id)).toEqual([id]);

    expect((await editor.delete(`/api/pricing-services/${id}`)).status).toBe(200);
    expect((await viewer.get(`/api/pricing-services/${id}`)).status).toBe(404);
  });

  it("refuses private URLs and bad bodies (422), enforces roles", async () => {
    const editor = await as("editor");
    const priv = await editor.post("/api/pricing-services", { name: "Internal", url: "http://169.254.169.254/latest" });
    expect(priv.status).toBe(422);
    expect(priv.body.issues).toEqual([{ path: "url", message: "URL must be public" }]);
    const bad = await editor.post("/api/pricing-services", { name: "", url: "ftp://x", timeout_ms: 5 });
    expect(bad.status).toBe(422);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(["name", "timeout_ms", "url"]);
    expect((await (await as("viewer")).post("/api/pricing-services", { name: "x", url: "https://a.example.com" })).status).toBe(403);
    expect((await anonymous().get("/api/pricing-services")).status).toBe(401);
    expect((await editor.put(`/api/pricing-services/${"0".repeat(24)}`, { name: "x", url: "https://a.example.com" })).status).toBe(404);
  });

  it("a service used by a flow cannot be deleted (409); export carries it without headers", async () => {
    const editor = await as("editor");
    const service = (await editor.post("/api/pricing-services", { name: `Used ${unique()}`, url: "https://pricing.example.com/q", headers: { "X-Key": "k" } })).body;
    const source = await createEntity();
    const flow = await createFlow({ ...flowDocument(source), pricing_service: { service_id: service.id, fallback_price: 5 } });
    const del = await editor.delete(`/api/pricing-services/${service.id}`);
    expect(del.status).toBe(409);
    expect(del.body.references).toEqual([{ flow_id: flow.id, version: 1 }]);
    const exp = await editor.get(`/api/flows/${flow.id}/export`);
    expect(exp.body.pricing_services).toEqual([{ id: service.id, name: service.name, url: service.url, timeout_ms: 2000 }]);
    const unknown = await editor.post("/api/flows", { ...flowDocument(source), pricing_service: { service_id: "0".repeat(24) } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.issues[0].path).toBe("pricing_service.service_id");
  });
});
