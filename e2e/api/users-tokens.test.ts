import { describe, expect, it } from "vitest";
import { ADMIN } from "./harness";
import { admin, anonymous, as, client, signInAs, unique } from "./fixtures";

const PASSWORD = "a-long-enough-password";
const email = () => `user-${unique()}@example.com`;

describe("users", () => {
  it("admins create, list, read, update and delete users", async () => {
    const api = await admin();
    const address = email();
    const created = await api.post("/api/users", { email: address.toUpperCase(), name: "Ed Itor", role: "editor", password: PASSWORD });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: address, name: "Ed Itor", role: "editor", disabled: false, last_login_at: null });
    expect(created.body.password).toBeUndefined();
    expect(JSON.stringify(created.body)).not.toContain("passwordHash");
    const id = created.body.id;

    const dup = await api.post("/api/users", { email: address, role: "viewer" });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toBe("conflict");

    await signInAs(address, PASSWORD);
    const read = await api.get(`/api/users/${id}`);
    expect(read.body.last_login_at).toEqual(expect.any(String));

    const list = await api.get(`/api/users?q=${encodeURIComponent(address)}`);
    expect(list.body.data.map((u: { id: string }) => u.id)).toEqual([id]);
    const editors = await api.get("/api/users?role=editor&limit=500");
    expect(editors.body.data.every((u: { role: string }) => u.role === "editor")).toBe(true);

    const patched = await api.patch(`/api/users/${id}`, { role: "viewer", name: "Vi Ewer", disabled: true });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ role: "viewer", name: "Vi Ewer", disabled: true });
    expect((await api.patch(`/api/users/${id}`, {})).status).toBe(422);

    const deleted = await api.delete(`/api/users/${id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.id).toBe(id);
    expect((await api.get(`/api/users/${id}`)).status).toBe(404);
    expect((await api.delete(`/api/users/${id}`)).status).toBe(404);
  });

  it("validates user bodies with paths", async () => {
    const api = await admin();
    const res = await api.post("/api/users", { email: "not-an-email", role: "owner", password: "short" });
    expect(res.status).toBe(422);
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(["email", "password", "role"]);
  });

  it("only admins manage users; others may change only their own name and password", async () => {
    for (const role of ["editor", "viewer"] as const) {
      const api = await as(role);
      expect((await api.get("/api/users")).status).toBe(403);
      expect((await api.post("/api/users", { email: email(), role: "viewer" })).status).toBe(403);
    }
    expect((await anonymous().get("/api/users")).status).toBe(401);

    const api = await admin();
    const address = email();
    const user = (await api.post("/api/users", { email: address, role: "editor", password: PASSWORD })).body;
    const self = await signInAs(address, PASSWORD);
    const renamed = await self.patch(`/api/users/${user.id}`, { name: "New Name", password: "another-long-password" });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe("New Name");
    expect((await self.get(`/api/users/${user.id}`)).status).toBe(200);
    expect((await self.patch(`/api/users/${user.id}`, { role: "admin" })).status).toBe(403);
    const me = await api.get("/api/me");
    expect((await self.patch(`/api/users/${me.body.id}`, { name: "Hijack" })).status).toBe(403);
    expect((await self.get(`/api/users/${me.body.id}`)).status).toBe(403);
    expect((await signInAs(address, "another-long-password")).headers.Cookie).toBeTruthy();

    // A disabled user's session stops working at once.
    await api.patch(`/api/users/${user.id}`, { disabled: true });
    expect((await self.get("/api/me")).status).toBe(401);
  });

  it("the last active admin cannot be deleted, demoted or disabled (409)", async () => {
    const api = await admin();
    const me = (await api.get("/api/me")).body;
    // Make the test admin the only active admin (other admins are test-created ones).
    const admins = await api.get("/api/users?role=admin&limit=500");
    for (const u of admins.body.data) {
      if (u.id !== me.id && !u.disabled) expect((await api.patch(`/api/users/${u.id}`, { disabled: true })).status).toBe(200);
    }
    const del = await api.delete(`/api/users/${me.id}`);
    expect(del.status).toBe(409);
    expect(del.body.error).toBe("conflict");
    expect((await api.patch(`/api/users/${me.id}`, { role: "editor" })).status).toBe(409);
    expect((await api.patch(`/api/users/${me.id}`, { disabled: true })).status).toBe(409);

    // With a second admin, the first may go (here: the second one is deleted instead).
    const second = await api.post("/api/users", { email: email(), role: "admin", password: PASSWORD });
    expect((await api.delete(`/api/users/${second.body.id}`)).status).toBe(200);
    expect((await api.get("/api/me")).body.email).toBe(ADMIN.email);
  });
});

describe("API tokens", () => {
  it("creates a token shown once, lists it by prefix, and revokes it at once", async () => {
    const api = await admin();
    const created = await api.post("/api/tokens", { name: `CI ${unique()}`, role: "viewer" });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^lft_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({ role: "viewer", prefix: created.body.token.slice(0, 8), expires_at: null, last_used_at: null });
    expect(created.body.created_by).toMatchObject({ email: ADMIN.email });

    const tokenClient = client({ Authorization: `Bearer ${created.body.token}` });
    expect((await tokenClient.get("/api/me")).body).toMatchObject({ role: "viewer", token: { id: created.body.id } });
    const basic = client({ Authorization: `Basic ${Buffer.from(`API:${created.body.token}`).toString("base64")}` });
    expect((await basic.get("/api/flows")).status).toBe(200);
    expect((await tokenClient.post("/api/flows", {})).status).toBe(403);

    const list = await api.get("/api/tokens?limit=500");
    const listed = list.body.data.find((t: { id: string }) => t.id === created.body.id);
    expect(listed).toMatchObject({ name: created.body.name, prefix: created.body.prefix });
    expect(listed.last_used_at).toEqual(expect.any(String));
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);

    const revoked = await api.delete(`/api/tokens/${created.body.id}`);
    expect(revoked.status).toBe(200);
    expect((await tokenClient.get("/api/me")).status).toBe(401);
    expect((await api.delete(`/api/tokens/${created.body.id}`)).status).toBe(404);
    expect((await api.get("/api/tokens?limit=500")).body.data.some((t: { id: string }) => t.id === created.body.id)).toBe(false);
  });

  it("validates token bodies and is admin-only", async () => {
    const api = await admin();
    const bad = await api.post("/api/tokens", { name: "", role: "root", expires_at: "2001-01-01T00:00:00.000Z" });
    expect(bad.status).toBe(422);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(["expires_at", "name", "role"]);
    const expiring = await api.post("/api/tokens", { name: "soon", role: "editor", expires_at: new Date(Date.now() + 86_400_000).toISOString() });
    expect(expiring.status).toBe(201);
    expect(expiring.body.expires_at).toEqual(expect.any(String));
    for (const role of ["editor", "viewer"] as const) {
      expect((await (await as(role)).get("/api/tokens")).status).toBe(403);
      expect((await (await as(role)).post("/api/tokens", { name: "x", role: "viewer" })).status).toBe(403);
    }
  });

  it("lowering a user's role lowers their tokens: a token never outranks its owner", async () => {
    const api = await admin();
    const address = email();
    const user = (await api.post("/api/users", { email: address, role: "admin", password: PASSWORD })).body;
    const session = await signInAs(address, PASSWORD);
    const token = (await session.post("/api/tokens", { name: "mine", role: "admin" })).body.token;
    const tokenClient = client({ Authorization: `Bearer ${token}` });
    expect((await tokenClient.get("/api/users")).status).toBe(200);
    expect((await api.patch(`/api/users/${user.id}`, { role: "viewer" })).status).toBe(200);
    expect((await tokenClient.get("/api/users")).status).toBe(403);
    expect((await tokenClient.get("/api/me")).body.role).toBe("viewer");
    await api.delete(`/api/users/${user.id}`);
    expect((await tokenClient.get("/api/me")).status).toBe(401);
  });
});
