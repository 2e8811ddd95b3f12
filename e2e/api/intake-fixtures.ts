/**
 * Fixtures for intake tests: deploy a flow document straight into the test server's database
 * (the same one its DATABASE_URL names), and a local stub buyer that records what it receives.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { newId } from "@/lib/ids";
import { flowDocumentSchema, normalizeFlowDocument } from "@/lib/schemas/flow";
import { openSqlDb } from "@/lib/store/sql/connection";
import { hashApiKey } from "@/lib/intake";
import { url } from "./harness";

/** The test server's database, for arranging what HTTP cannot (old leads, direct deploys). */
export const sql = openSqlDb(process.env.DATABASE_URL ?? "file:./data/leadflow.db");

export type Deployed = { flowId: string; sourceId: string; submitUrl: string; document: Record<string, unknown> };

/** Validates, normalizes and deploys a flow document as version 1; returns its submit URL. */
export async function deployFlow(
  doc: Record<string, unknown>,
  options: { enabled?: boolean; sourceKey?: { key: string; sourceIndex: number } } = {},
): Promise<Deployed> {
  const flowId = newId();
  const sourceId = (doc.sources as { entity: { id: string } }[] | undefined)?.[0]?.entity.id ?? newId();
  const document = normalizeFlowDocument(flowDocumentSchema.parse({ ...doc, id: flowId })) as unknown as Record<string, unknown>;
  const now = sql.time(new Date());
  await sql.run(`INSERT INTO "Flow" ("id","name","description","enabled","latestVersion","deployedVersion","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?)`, [
    flowId,
    String(doc.name ?? "Test flow"),
    "",
    options.enabled ?? true,
    1,
    1,
    now,
    now,
  ]);
  await sql.run(`INSERT INTO "FlowVersion" ("id","flowId","version","document","note","createdAt") VALUES (?,?,?,?,?,?)`, [newId(), flowId, 1, JSON.stringify(document), "", now]);
  for (const source of (document.sources as { entity: { id: string; name: string } }[]) ?? []) {
    await sql.run(`INSERT INTO "Entity" ("id","name","kind","description","createdAt","updatedAt") VALUES (?,?,?,?,?,?) ON CONFLICT ("id") DO NOTHING`, [
      source.entity.id,
      source.entity.name,
      "source",
      "",
      now,
      now,
    ]);
  }
  if (options.sourceKey) {
    const entityId = (document.sources as { entity: { id: string } }[])[options.sourceKey.sourceIndex]!.entity.id;
    await sql.run(`INSERT INTO "SourceKey" ("id","entityId","keyHash","prefix","name","createdAt") VALUES (?,?,?,?,?,?)`, [
      newId(),
      entityId,
      hashApiKey(options.sourceKey.key),
      options.sourceKey.key.slice(0, 8),
      "test",
      now,
    ]);
  }
  return { flowId, sourceId, submitUrl: url(`/flows/${flowId}/sources/${sourceId}/submit`), document };
}

export async function setFlowEnabled(flowId: string, enabled: boolean) {
  await sql.run(`UPDATE "Flow" SET "enabled" = ? WHERE "id" = ?`, [enabled, flowId]);
}

export async function addListItems(name: string, values: string[]): Promise<string> {
  const id = newId();
  const now = sql.time(new Date());
  await sql.run(`INSERT INTO "SuppressionList" ("id","name","urlName","kind","description","itemCount","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?)`, [
    id,
    name,
    `${name.toLowerCase().replace(/\W+/g, "_")}_${id}`,
    "custom",
    "",
    values.length,
    now,
    now,
  ]);
  for (const v of values) await sql.run(`INSERT INTO "SuppressionItem" ("listId","value","addedAt") VALUES (?,?,?)`, [id, v, now]);
  return id;
}

/** A source entity block for a flow document. */
export function source(overrides: Record<string, unknown> = {}) {
  return {
    entity: { id: newId(), name: "Vendor A" },
    integration: { module_id: "leadconduit-default.inbound", mappings: [] },
    enabled: true,
    authentication_required: false,
    ...overrides,
  };
}

export type Received = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

/** A local HTTP server standing in for a buyer; `respond` decides each answer. */
export async function stubBuyer(respond: (req: Received) => { status?: number; type?: string; body?: string; delayMs?: number } = () => ({})) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const r: Received = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      received.push(r);
      const answer = respond(r);
      const send = () => {
        res.statusCode = answer.status ?? 200;
        res.setHeader("Content-Type", answer.type ?? "application/json");
        res.end(answer.body ?? '{"status":"accepted"}');
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/leads`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export async function submit(target: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(target, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    redirect: "manual",
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, body: json };
}
