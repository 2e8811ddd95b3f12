import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { admin, anonymous, as, createEntity, createFlow, createList, fieldSuffix, flowDocument, unique } from "./fixtures";

const randomId = () => randomBytes(12).toString("hex");

describe("flows: create, read, list", () => {
  it("A1: an editor creates a flow at version 1, not deployed, with short ids assigned", async () => {
    const editor = await as("editor");
    const source = await createEntity(["source"]);
    const recipient = await createEntity(["recipient"]);
    const res = await editor.post("/api/flows", flowDocument(source, recipient));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 1, deployed_version: null, has_undeployed_changes: true, enabled: true, errors: null });
    expect(res.body.id).toMatch(/^[0-9a-f]{24}$/);
    expect(res.body.sources[0].id).toMatch(/^[0-9a-z]{6}$/);
    expect(res.body.steps.map((s: { id: string }) => s.id)).toEqual([expect.stringMatching(/^[0-9a-z]{6}$/), expect.stringMatching(/^[0-9a-z]{6}$/)]);
    expect(res.body.caps[0].id).toMatch(/^[0-9a-f]{24}$/);
    expect(res.body.sources[0].entity).toEqual({ id: source.id, name: source.name });

    const read = await (await as("viewer")).get(`/api/flows/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it("?deploy=true deploys the new flow at once", async () => {
    const flow = await createFlow(undefined, "?deploy=true");
    expect(flow).toMatchObject({ version: 1, deployed_version: 1, has_undeployed_changes: false });
  });

  it("A7: validation errors are 422 with dotted paths", async () => {
    const source = await createEntity();
    const doc = flowDocument(source);
    doc.steps = [{ type: "filter", rule_set: { op: "and", rules: [{ lhv: "lead.state", op: "is equalz to", rhv: "TX" }] } } as never];
    const res = await (await as("editor")).post("/api/flows", doc);
    expect(res.status).toBe(422);
    expect(res.body.error).toBe("validation");
    expect(res.body.issues).toContainEqual({ path: "steps.0.rule_set.rules.0.op", message: expect.stringContaining("is equalz to") });

    const missingName = await (await as("editor")).post("/api/flows", { ...flowDocument(source), name: "" });
    expect(missingName.status).toBe(422);
    expect(missingName.body.issues[0].path).toBe("name");
  });

  it("unknown fields, entities, lists and private recipient URLs are refused at save (422)", async () => {
    const source = await createEntity();
    const doc = flowDocument(source, { id: "0".repeat(24), name: "Ghost" }) as Record<string, any>;
    doc.fields = [...doc.fields, "no_such_field_acme"];
    doc.suppression = { lists: [{ kind: "dnc", list_ids: ["f".repeat(24)], fields: ["phone_1"] }] };
    doc.steps[1].integration.mappings[0].value = "http://10.0.0.5/in";
    const res = await (await as("editor")).post("/api/flows", doc);
    expect(res.status).toBe(422);
    const paths = res.body.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(["fields.4", "steps.1.entity.id", "suppression.lists.0.list_ids.0", "steps.1.integration.mappings.0.value"]),
    );
    expect(res.body.issues.find((i: { path: string }) => i.path === "steps.1.integration.mappings.0.value").message).toBe("URL must be public");
  });

  it("A8/A9: viewers cannot create, anonymous callers are 401", async () => {
    const source = await createEntity();
    const viewer = await (await as("viewer")).post("/api/flows", flowDocument(source));
    expect(viewer.status).toBe(403);
    expect(viewer.body.error).toBe("forbidden");
    const anon = await anonymous().get("/api/flows");
    expect(anon.status).toBe(401);
    expect(anon.body.error).toBe("unauthenticated");
  });

  it("lists summaries with filters and cursor pagination", async () => {
    const tag = unique();
    const source = await createEntity();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await createFlow(flowDocument(source, undefined, `Paged ${tag} ${i}`))).id);
    await (await as("editor")).patch(`/api/flows/${ids[2]}`, { enabled: false });
    const viewer = await as("viewer");

    const page1 = await viewer.get(`/api/flows?q=paged%20${tag}&limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.body.data.map((f: { id: string }) => f.id)).toEqual(ids.slice(0, 2));
    expect(page1.body.data[0]).toMatchObject({ version: 1, deployed_version: null, has_undeployed_changes: true, source_count: 1, step_count: 1 });
    expect(page1.body.next_cursor).toEqual(expect.any(String));
    const page2 = await viewer.get(`/api/flows?q=PAGED%20${tag}&limit=2&cursor=${page1.body.next_cursor}`);
    expect(page2.body.data.map((f: { id: string }) => f.id)).toEqual([ids[2]]);
    expect(page2.body.next_cursor).toBeNull();

    const disabled = await viewer.get(`/api/flows?q=${tag}&enabled=false`);
    expect(disabled.body.data.map((f: { id: string }) => f.id)).toEqual([ids[2]]);
    const bySource = await viewer.get(`/api/flows?source_id=${source.id}`);
    expect(bySource.body.data.map((f: { id: string }) => f.id).sort()).toEqual([...ids].sort());

    expect((await viewer.get("/api/flows?limit=abc")).status).toBe(400);
    expect((await viewer.get("/api/flows?limit=501")).status).toBe(400);
    expect((await viewer.get("/api/flows?cursor=garbage")).status).toBe(400);
  });

  it("unknown and deleted flows are 404", async () => {
    const viewer = await as("viewer");
    const res = await viewer.get(`/api/flows/${"0".repeat(24)}`);
    expect(res.status).toBe(404);
    expect(res.body.error).toBe("not_found");
    const flow = await createFlow();
    const deleted = await (await as("editor")).delete(`/api/flows/${flow.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.id).toBe(flow.id);
    expect((await viewer.get(`/api/flows/${flow.id}`)).status).toBe(404);
    expect((await (await as("editor")).delete(`/api/flows/${flow.id}`)).status).toBe(404);
    const list = await viewer.get(`/api/flows?q=${encodeURIComponent(flow.name)}`);
    expect(list.body.data).toEqual([]);
  });
});

describe("flows: versions, deploy, concurrency, rollback", () => {
  it("A2–A6: deploy, save on a base version, conflict, rollback, enable/disable", async () => {
    const editor = await as("editor");
    const flow = await createFlow();
    const id = flow.id as string;

    // A2
    const deploy = await editor.post(`/api/flows/${id}/deploy`, {});
    expect(deploy.status).toBe(200);
    expect(deploy.body).toMatchObject({ message: "Your flow was deployed and the most recent changes are now live", deployed_version: 1 });
    expect(Date.parse(deploy.body.deployed_at)).not.toBeNaN();

    // A3: a changed step on base version 1
    const changed = structuredClone(flow);
    changed.steps[0].reason = "Test leads are not bought";
    const save = await editor.put(`/api/flows/${id}`, { ...changed, version: 1 });
    expect(save.status).toBe(200);
    expect(save.body).toMatchObject({ version: 2, deployed_version: 1, has_undeployed_changes: true });
    expect(save.body.steps[0].reason).toBe("Test leads are not bought");
    expect(save.body.steps[0].id).toBe(flow.steps[0].id);

    // A4: a second save based on version 1
    const stale = await editor.put(`/api/flows/${id}`, { ...changed, version: 1, name: "Other" });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: "version_conflict", current_version: 2 });

    // If-Match works as the base version too; an unchanged document makes no version
    const same = await editor.put(`/api/flows/${id}`, save.body, { "If-Match": '"2"' });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(2);
    const { version: _base, ...withoutVersion } = changed;
    const noBase = await editor.put(`/api/flows/${id}`, withoutVersion);
    expect(noBase.status).toBe(422);
    expect(noBase.body.issues[0].path).toBe("version");

    // A5
    const rollback = await editor.post(`/api/flows/${id}/rollback`, { version: 1 });
    expect(rollback.status).toBe(200);
    expect(rollback.body).toMatchObject({ version: 3, deployed_version: 3, has_undeployed_changes: false });
    const viewer = await as("viewer");
    const v1 = await viewer.get(`/api/flows/${id}/versions/1`);
    const v3 = await viewer.get(`/api/flows/${id}/versions/3`);
    expect(v3.body.document).toEqual(v1.body.document);
    expect(v3.body).toMatchObject({ version: 3, message: "Rollback to version 1", deployed: true });

    // A6: enable/disable and rename are not versioned
    const off = await editor.patch(`/api/flows/${id}`, { enabled: false, name: "Renamed flow" });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ enabled: false, name: "Renamed flow", version: 3, deployed_version: 3 });
    expect((await viewer.get(`/api/flows/${id}`)).body.enabled).toBe(false);
    expect((await editor.patch(`/api/flows/${id}`, {})).status).toBe(422);
  });

  it("lists versions newest first with pagination, reads one version and the deployed one", async () => {
    const editor = await as("editor");
    const flow = await createFlow(undefined, "?deploy=true");
    const doc = structuredClone(flow);
    for (let v = 1; v <= 3; v++) {
      doc.steps[0].reason = `Reason ${v}`;
      const res = await editor.put(`/api/flows/${flow.id}`, { ...doc, version: v, message: `change ${v}` });
      expect(res.status).toBe(200);
    }
    const viewer = await as("viewer");
    const page = await viewer.get(`/api/flows/${flow.id}/versions?limit=3`);
    expect(page.status).toBe(200);
    expect(page.body.data.map((v: { version: number }) => v.version)).toEqual([4, 3, 2]);
    expect(page.body.data[0]).toMatchObject({ message: "change 3", deployed: false, summary: { steps: 1, sources: 1 } });
    expect(page.body.data[0].created_by).toMatchObject({ id: expect.any(String) });
    const rest = await viewer.get(`/api/flows/${flow.id}/versions?limit=3&cursor=${page.body.next_cursor}`);
    expect(rest.body.data.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(rest.body.data[0].deployed).toBe(true);
    expect(rest.body.next_cursor).toBeNull();

    expect((await viewer.get(`/api/flows/${flow.id}?version=deployed`)).body).toMatchObject({ version: 1, deployed_version: 1 });
    expect((await viewer.get(`/api/flows/${flow.id}?version=2`)).body.steps[0].reason).toBe("Reason 1");
    expect((await viewer.get(`/api/flows/${flow.id}?version=9`)).status).toBe(404);
    expect((await viewer.get(`/api/flows/${flow.id}?version=newest`)).status).toBe(400);
    expect((await viewer.get(`/api/flows/${flow.id}/versions/9`)).status).toBe(404);

    const diff = await viewer.get(`/api/flows/${flow.id}/versions/3/diff`);
    expect(diff.status).toBe(200);
    expect(diff.body.changes).toEqual([{ path: "steps.0.reason", before: "Reason 1", after: "Reason 2" }]);
  });

  it("deploys a chosen version; unknown versions are 404; the version is re-validated", async () => {
    const editor = await as("editor");
    const list = await createList("dnc");
    const source = await createEntity();
    const doc = { ...flowDocument(source), suppression: { lists: [{ kind: "dnc", list_ids: [list.id], fields: ["phone_1"], reason: "DNC" }] } };
    const flow = await createFlow(doc);
    expect((await editor.post(`/api/flows/${flow.id}/deploy`, { version: 7 })).status).toBe(404);
    // With no body at all the latest version is deployed.
    const bare = await editor.call("POST", `/api/flows/${flow.id}/deploy`);
    expect(bare.status).toBe(200);
    expect(bare.body.deployed_version).toBe(1);

    // The list is in use by the deployed version: it cannot be deleted…
    const blocked = await editor.delete(`/api/suppression-lists/${list.id}`);
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ error: "conflict", references: [{ flow_id: flow.id, version: 1 }] });
    // …and the source entity neither.
    const entityBlocked = await editor.delete(`/api/entities/${source.id}`);
    expect(entityBlocked.status).toBe(409);
    expect(entityBlocked.body.references).toEqual([{ flow_id: flow.id, version: 1 }]);
  });

  it("a deleted custom field shows in the flow's errors and blocks a redeploy (A13)", async () => {
    const suffix = await fieldSuffix();
    const editor = await as("editor");
    const fieldId = `loan_amount_${unique().replace(/[^a-z0-9]/g, "")}_${suffix}`;
    expect((await editor.post("/api/fields", { id: fieldId, name: "Loan Amount", type: "number" })).status).toBe(201);
    const source = await createEntity();
    const doc = flowDocument(source);
    doc.fields.push(fieldId);
    const flow = await createFlow(doc, "?deploy=true");
    const del = await editor.delete(`/api/fields/${fieldId}`);
    expect(del.status).toBe(202);
    expect(del.body.flow_errors).toEqual([{ flow_id: flow.id, message: `Field ${fieldId} was deleted but is still used` }]);
    const read = await (await as("viewer")).get(`/api/flows/${flow.id}`);
    expect(read.body.errors).toEqual([{ path: "fields.4", message: `Field ${fieldId} was deleted but is still used` }]);
    const redeploy = await editor.post(`/api/flows/${flow.id}/deploy`, {});
    expect(redeploy.status).toBe(422);
    expect(redeploy.body.issues[0].path).toBe("fields.4");
  });
});

describe("flows: export and import", () => {
  it("exports an envelope and imports it as a new, undeployed flow", async () => {
    const suffix = await fieldSuffix();
    const editor = await as("editor");
    const fieldId = `income_${unique().replace(/[^a-z0-9]/g, "")}_${suffix}`;
    await editor.post("/api/fields", { id: fieldId, name: "Income", type: "number" });
    const list = await createList("dnc");
    const source = await createEntity(["source"]);
    const recipient = await createEntity(["recipient"]);
    const doc = { ...flowDocument(source, recipient), suppression: { lists: [{ kind: "dnc", list_ids: [list.id], fields: ["phone_1"] }] } };
    doc.fields.push(fieldId);
    const flow = await createFlow(doc, "?deploy=true");

    const exp = await (await as("viewer")).get(`/api/flows/${flow.id}/export?version=deployed`);
    expect(exp.status).toBe(200);
    expect(exp.headers.get("content-disposition")).toContain(`attachment; filename="${flow.name}.leadflow.json"`);
    expect(exp.body).toMatchObject({
      leadflow_export: 1,
      source_version: 1,
      flow: { name: flow.name, fields: doc.fields },
      fields: [{ id: fieldId, name: "Income", type: "number" }],
      entities: [
        { id: source.id, name: source.name, roles: ["source"] },
        { id: recipient.id, name: recipient.name, roles: ["recipient"] },
      ],
      suppression_lists: [{ id: list.id, name: list.name, kind: "dnc" }],
    });
    expect(exp.body.flow.id).toBeUndefined();

    const imp = await editor.post("/api/flows/import", exp.body);
    expect(imp.status).toBe(201);
    expect(imp.body.id).not.toBe(flow.id);
    expect(imp.body).toMatchObject({ version: 1, deployed_version: null, name: flow.name });
    expect(imp.body.sources[0].entity.id).toBe(source.id);
    expect(imp.body.import_report).toEqual({ created: { fields: [], entities: [], suppression_lists: [], pricing_services: [] }, warnings: [] });
    expect(imp.body.steps).toEqual(flow.steps);
  });

  it("import resolves missing references by name, creates the rest, drops LeadConduit extras", async () => {
    const editor = await as("editor");
    const existing = await createEntity(["source"], `Vendor ${unique()}`);
    const missingId = randomId();
    const tag = unique();
    const bare = {
      ...flowDocument({ id: "1".repeat(24), name: existing.name }, { id: missingId, name: `Buyer ${tag}` }),
      id: "5fd4371e940df5a34a3888b2",
      firehose: { enabled: true },
      routers: [],
      fields: ["email", `custom_${tag.replace(/[^a-z0-9]/g, "")}_zz`],
    };
    const res = await editor.post("/api/flows/import?deploy=true", bare);
    expect(res.status).toBe(201);
    expect(res.body.deployed_version).toBe(1);
    expect(res.body.sources[0].entity.id).toBe(existing.id);
    expect(res.body.steps[1].entity.name).toBe(`Buyer ${tag}`);
    expect(res.body.import_report.created.entities).toEqual([{ id: res.body.steps[1].entity.id, name: `Buyer ${tag}` }]);
    expect(res.body.import_report.created.fields).toEqual([bare.fields[1]]);
    expect(res.body.import_report.warnings).toEqual(
      expect.arrayContaining([expect.stringContaining("firehose"), expect.stringContaining("routers"), expect.stringContaining("string")]),
    );
    const created = await (await as("viewer")).get(`/api/entities/${res.body.steps[1].entity.id}`);
    expect(created.body).toMatchObject({ name: `Buyer ${tag}`, roles: ["recipient"], flows: [{ id: res.body.id, as: "recipient" }] });
  });

  it("import validation errors carry flow. paths; a field of another type is refused", async () => {
    const suffix = await fieldSuffix();
    const editor = await as("editor");
    const fieldId = `score_${unique().replace(/[^a-z0-9]/g, "")}_${suffix}`;
    await editor.post("/api/fields", { id: fieldId, name: "Score", type: "number" });
    const source = await createEntity();
    const flow = await createFlow({ ...flowDocument(source), fields: ["email", fieldId] });
    const exp = (await editor.get(`/api/flows/${flow.id}/export`)).body;

    const badRule = structuredClone(exp);
    badRule.flow.steps[0].rule_set.rules[0].op = "is equalz to";
    const r1 = await editor.post("/api/flows/import", badRule);
    expect(r1.status).toBe(422);
    expect(r1.body.issues[0].path).toBe("flow.steps.0.rule_set.rules.0.op");

    const otherType = structuredClone(exp);
    otherType.fields[0].type = "string";
    const r2 = await editor.post("/api/flows/import", otherType);
    expect(r2.status).toBe(422);
    expect(r2.body.issues).toEqual([{ path: "fields.0.type", message: expect.stringContaining("already exists with type number") }]);

    expect((await (await as("viewer")).post("/api/flows/import", exp)).status).toBe(403);
    expect((await editor.get(`/api/flows/${"0".repeat(24)}/export`)).status).toBe(404);
  });
});

describe("flows: cookie sessions", () => {
  it("the admin's browser session can create and read flows", async () => {
    const api = await admin();
    const source = await createEntity();
    const res = await api.post("/api/flows", flowDocument(source));
    expect(res.status).toBe(201);
    const noOrigin = await fetch(new URL(`/api/flows/${res.body.id}`, process.env.LEADFLOW_TEST_BASE_URL ?? "http://127.0.0.1:3000"), {
      method: "PATCH",
      headers: { Cookie: api.headers.Cookie, "Content-Type": "application/json" },
      body: JSON.stringify({ enabled: false }),
    });
    expect(noOrigin.status).toBe(403);
  });
});

describe("flows: submission docs", () => {
  it("describes the intake URL, fields and the five LeadConduit request examples", async () => {
    const source = await createEntity(["source"]);
    const other = await createEntity(["source"]);
    const doc = flowDocument(source) as Record<string, any>;
    doc.acceptance_criteria.rule_set.rules.push({ lhv: "lead.email", op: "is not blank" });
    doc.sources.push({ entity: other, authentication_required: true });
    const flow = await createFlow(doc, "?deploy=true");
    const viewer = await as("viewer");

    const res = await viewer.get(`/api/flows/${flow.id}/submission-docs?source_id=${source.id}`);
    expect(res.status).toBe(200);
    expect(res.body.url).toMatch(new RegExp(`/flows/${flow.id}/sources/${source.id}/submit$`));
    expect(res.body).toMatchObject({ methods: ["GET", "POST"], authentication: "none", flow: { id: flow.id, version: 1 } });
    expect(res.body.fields).toEqual([
      { id: "first_name", name: "First Name", type: "first_name", required: false },
      { id: "email", name: "Email", type: "email", required: true },
      { id: "phone_1", name: "Phone 1", type: "phone", required: false },
      { id: "state", name: "State", type: "state", required: false },
    ]);
    const ex = res.body.examples;
    expect(ex.map((e: { method: string; headers: Record<string, string> }) => [e.method, e.headers.Accept, e.headers["Content-Type"] ?? null])).toEqual([
      ["POST", "application/json", "application/x-www-form-urlencoded"],
      ["GET", "application/json", null],
      ["POST", "application/json", "application/json"],
      ["POST", "text/xml", "text/xml"],
      ["POST", "text/xml", "application/x-www-form-urlencoded"],
    ]);
    expect(ex[0].body).toBe("first_name=Ann&email=ann%40example.com&phone_1=5127891111&state=TX");
    expect(ex[1].uri).toBe(`${res.body.url}?${ex[0].body}`);
    expect(JSON.parse(ex[2].body)).toEqual({ first_name: "Ann", email: "ann@example.com", phone_1: "5127891111", state: "TX" });
    expect(ex[3].body).toContain("<lead>\n  <first_name>Ann</first_name>");

    const authed = await viewer.get(`/api/flows/${flow.id}/submission-docs?source_id=${other.id}`);
    expect(authed.body.authentication).toBe("basic");
    expect(authed.body.examples[0].headers.Authorization).toMatch(/^Basic /);
    expect((await viewer.get(`/api/flows/${flow.id}/submission-docs`)).status).toBe(422);
    expect((await viewer.get(`/api/flows/${flow.id}/submission-docs?source_id=${"0".repeat(24)}`)).status).toBe(404);
    expect((await viewer.get(`/api/flows/${flow.id}/submission-docs?source_id=nope`)).status).toBe(400);
  });

  it("imports LeadConduit's custom outbound module ids as their Leadflow aliases", async () => {
    const source = await createEntity(["source"]);
    const recipient = await createEntity(["recipient"]);
    const doc = flowDocument(source, recipient) as Record<string, any>;
    doc.steps[1].integration.module_id = "leadconduit-custom.outbound.json";
    const res = await (await as("editor")).post("/api/flows/import", doc);
    expect(res.status).toBe(201);
    expect(res.body.steps[1].integration.module_id).toBe("custom.outbound.json");
  });
});
