/**
 * Helpers for the admin API integration tests: clients per role, unique names, and small builders
 * for the records most tests need. Everything goes through the real HTTP API.
 */
import { ADMIN, BASE_URL, url } from "./harness";

export { BASE_URL, url };

export type Reply = { status: number; headers: Headers; body: any };
type Role = "admin" | "editor" | "viewer";

/** A JSON client with the verbs the harness lacks (DELETE with a body, extra headers, raw bodies). */
export function client(headers: Record<string, string>) {
  async function call(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Reply> {
    const raw = typeof body === "string" || body instanceof FormData || body instanceof Blob;
    const res = await fetch(url(path), {
      method,
      headers: { ...headers, ...(body === undefined || raw ? {} : { "Content-Type": "application/json" }), ...extra },
      body: body === undefined ? undefined : raw ? (body as BodyInit) : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, headers: res.headers, body: json };
  }
  return {
    headers,
    call,
    get: (path: string, extra?: Record<string, string>) => call("GET", path, undefined, extra),
    post: (path: string, body?: unknown, extra?: Record<string, string>) => call("POST", path, body, extra),
    put: (path: string, body?: unknown, extra?: Record<string, string>) => call("PUT", path, body, extra),
    patch: (path: string, body?: unknown, extra?: Record<string, string>) => call("PATCH", path, body, extra),
    delete: (path: string, body?: unknown, extra?: Record<string, string>) => call("DELETE", path, body, extra),
  };
}
export type Client = ReturnType<typeof client>;

export const anonymous = () => client({});

let adminPromise: Promise<Client> | undefined;

/** The admin, signed in with a session cookie (and the Origin header cookie writes need). */
export function admin(): Promise<Client> {
  adminPromise ??= sessionClient();
  return adminPromise;
}

async function sessionClient(): Promise<Client> {
  const res = await fetch(url("/api/auth/login"), {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: new URL(BASE_URL).origin },
    body: JSON.stringify(ADMIN),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  return client({ Cookie: cookie, Origin: new URL(BASE_URL).origin });
}

const roleClients = new Map<Role, Promise<Client>>();

/** A client holding an API token of the given role, created by the admin. */
export function as(role: Role): Promise<Client> {
  let c = roleClients.get(role);
  if (!c) {
    c = (async () => {
      const res = await (await admin()).post("/api/tokens", { name: `test ${role} ${unique()}`, role });
      if (res.status !== 201) throw new Error(`token for ${role}: ${res.status} ${JSON.stringify(res.body)}`);
      return client({ Authorization: `Bearer ${res.body.token}` });
    })();
    roleClients.set(role, c);
  }
  return c;
}

let counter = 0;
/** A short string unique within the run (and across runs on the same database). */
export function unique(): string {
  return `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** The account's custom-field suffix, set to `acme` on first use. */
export async function fieldSuffix(): Promise<string> {
  const api = await admin();
  const account = await api.get("/api/account");
  if (account.body.field_suffix) return account.body.field_suffix;
  const set = await api.patch("/api/account", { field_suffix: "acme" });
  if (set.status !== 200) throw new Error(`account suffix: ${set.status} ${JSON.stringify(set.body)}`);
  return "acme";
}

export async function createEntity(roles: Array<"source" | "recipient"> = ["source"], name = `Entity ${unique()}`) {
  const res = await (await as("editor")).post("/api/entities", { name, roles });
  if (res.status !== 201) throw new Error(`entity: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; name: string };
}

export async function createList(kind: "dnc" | "customer" | "custom" = "dnc", name = `List ${unique()}`) {
  const res = await (await as("editor")).post("/api/suppression-lists", { name, kind });
  if (res.status !== 201) throw new Error(`list: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; name: string; kind: string };
}

/** A valid flow document in the shape of spec 00 §4, using the given source and recipient entities. */
export function flowDocument(source: { id: string; name: string }, recipient?: { id: string; name: string }, name = `Flow ${unique()}`) {
  return {
    name,
    fields: ["first_name", "email", "phone_1", "state"],
    acceptance_criteria: {
      rule_set: { op: "and", rules: [{ lhv: "lead.state", op: "is equal to", rhv: "TX" }] },
      outcome: "failure",
      reason: "Lead must live in TX",
    },
    pricing: { override: false, prices: [{ amount: 8, rule_set: null }] },
    caps: [{ type: "volume", name: "Daily", maximum: 100, duration: 1, duration_units: "day", time_zone: "America/Chicago", caps: [] }],
    sources: [{ entity: source, integration: { module_id: "leadconduit-default.inbound", mappings: [] } }],
    steps: [
      { type: "filter", description: "No test leads", rule_set: { op: "and", rules: [{ lhv: "lead.is_test", op: "is true" }] }, outcome: "failure", reason: "Test lead" },
      ...(recipient
        ? [
            {
              type: "recipient",
              description: "Acme CRM",
              entity: recipient,
              integration: {
                module_id: "custom.outbound.json",
                mappings: [
                  { property: "url", value: "https://crm.example.com/leads" },
                  { property: "json_property.email", value: "{{lead.email}}" },
                ],
              },
            },
          ]
        : []),
    ],
  };
}

/** Creates a flow (editor) and returns its resource. */
export async function createFlow(doc?: Record<string, unknown>, query = "") {
  const source = await createEntity(["source"]);
  const body = doc ?? flowDocument(source);
  const res = await (await as("editor")).post(`/api/flows${query}`, body);
  if (res.status !== 201) throw new Error(`flow: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Polls a suppression-list upload job until it leaves `running`. */
export async function waitForJob(api: Client, listId: string, jobId: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api.get(`/api/suppression-lists/${listId}/uploads/${jobId}`);
    if (res.status !== 200) throw new Error(`job: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body.status !== "running") return res.body;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still running`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Asserts the error envelope of spec 07 §2.2. */
export function errorOf(res: Reply) {
  return { status: res.status, error: res.body?.error };
}

/** Signs a user in through the real login route; the client sends the session cookie and our Origin. */
export async function signInAs(email: string, password: string): Promise<Client> {
  const res = await fetch(url("/api/auth/login"), {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: new URL(BASE_URL).origin },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status}`);
  return client({ Cookie: res.headers.get("set-cookie")!.split(";")[0]!, Origin: new URL(BASE_URL).origin });
}
