import { describe, expect, it } from "vitest";
import { admin, as, createEntity, flowDocument, unique } from "./fixtures";

describe("Idempotency-Key on POST", () => {
  it("replays a 201 create without creating twice; the key is per principal", async () => {
    const editor = await as("editor");
    const key = `create-${unique()}`;
    const body = { name: `Idem ${unique()}`, roles: ["source"] };
    const first = await editor.post("/api/entities", body, { "Idempotency-Key": key });
    expect(first.status).toBe(201);
    const second = await editor.post("/api/entities", body, { "Idempotency-Key": key });
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.body).toEqual(first.body);
    const list = await editor.get(`/api/entities?q=${encodeURIComponent(body.name)}`);
    expect(list.body.data).toHaveLength(1);

    // Another principal may use the same key for its own request.
    const other = await (await admin()).post("/api/entities", { ...body, name: `${body.name} b` }, { "Idempotency-Key": key });
    expect(other.status).toBe(201);
    expect(other.headers.get("idempotent-replayed")).toBeNull();
  });

  it("the same key on another path or body is idempotency_conflict; error answers are kept too", async () => {
    const editor = await as("editor");
    const key = `conflict-${unique()}`;
    const source = await createEntity();
    const bad = { ...flowDocument(source), name: "" };
    const first = await editor.post("/api/flows", bad, { "Idempotency-Key": key });
    expect(first.status).toBe(422);
    const replay = await editor.post("/api/flows", bad, { "Idempotency-Key": key });
    expect(replay.status).toBe(422);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toEqual(first.body);
    const otherPath = await editor.post("/api/suppression-lists", { name: "x", kind: "dnc" }, { "Idempotency-Key": key });
    expect(otherPath.status).toBe(409);
    expect(otherPath.body.error).toBe("idempotency_conflict");
  });

  it("a concurrent retry while the first request runs is idempotency_in_progress or a replay", async () => {
    const editor = await as("editor");
    const key = `race-${unique()}`;
    const body = { name: `Race ${unique()}`, kind: "custom" };
    const answers = await Promise.all([1, 2, 3].map(() => editor.post("/api/suppression-lists", body, { "Idempotency-Key": key })));
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const a of answers) {
      if (a.status === 201) expect(a.body.id).toBe(created[0].body.id);
      else expect(a.body.error).toBe("idempotency_in_progress");
    }
    const lists = await editor.get(`/api/suppression-lists?q=${encodeURIComponent(body.name)}`);
    expect(lists.body.data).toHaveLength(1);
  });
});

describe("Idempotency-Key and secrets shown once", () => {
  it("a replayed token or source key creation never shows the secret again (it is not stored)", async () => {
    const api = await admin();
    const key = `secret-${unique()}`;
    const first = await api.post("/api/tokens", { name: "replayed", role: "viewer" }, { "Idempotency-Key": key });
    expect(first.body.token).toMatch(/^lft_/);
    const replay = await api.post("/api/tokens", { name: "replayed", role: "viewer" }, { "Idempotency-Key": key });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toEqual({ ...first.body, token: null });

    const entity = await createEntity(["source"]);
    const keyHeader = { "Idempotency-Key": `key-${unique()}` };
    const k1 = await api.post(`/api/entities/${entity.id}/keys`, { name: "rotation" }, keyHeader);
    const k2 = await api.post(`/api/entities/${entity.id}/keys`, { name: "rotation" }, keyHeader);
    expect(k1.body.key).toMatch(/^lfs_/);
    expect(k2.body).toEqual({ ...k1.body, key: null });
    expect((await api.get(`/api/entities/${entity.id}/keys`)).body.data).toHaveLength(1);
  });
});
