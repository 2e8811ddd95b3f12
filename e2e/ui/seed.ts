// Seeding for the browser specs: records are made through the admin API and leads through the
// real intake URL, so each spec drives the browser only for what it is about.
import { expect, type APIRequestContext } from "@playwright/test";

export const baseURL = process.env.LEADFLOW_TEST_BASE_URL ?? "http://127.0.0.1:3000";
/** Cookie-authenticated writes must name the app's origin (CSRF defence). */
export const writeHeaders = { Origin: new URL(baseURL).origin };

export async function makeEntity(request: APIRequestContext, name: string, role: "source" | "recipient"): Promise<{ id: string; name: string }> {
  const res = await request.post("/api/entities", { data: { name, roles: [role] }, headers: writeHeaders });
  expect(res.status()).toBe(201);
  return res.json();
}

export async function makeFlow(request: APIRequestContext, doc: Record<string, unknown>, { deploy = true } = {}): Promise<{ id: string; version: number }> {
  const res = await request.post(`/api/flows${deploy ? "?deploy=true" : ""}`, { data: doc, headers: writeHeaders });
  expect(res.status()).toBe(201);
  return res.json();
}

/** A recipient step that posts JSON: `url` first, then the given mappings. */
export function jsonRecipient(entity: { id: string; name: string }, url: string, mappings: Record<string, string>, extra: Record<string, unknown> = {}) {
  return {
    type: "recipient",
    description: entity.name,
    entity: { id: entity.id, name: entity.name },
    integration: {
      module_id: "custom.outbound.json",
      mappings: [{ property: "url", value: url }, ...Object.entries(mappings).map(([property, value]) => ({ property, value }))],
    },
    ...extra,
  };
}

/** Submits a lead to the flow's source as JSON (or form-encoded) and returns the 201 answer. */
export async function submitLead(flowId: string, sourceId: string, lead: Record<string, string>, as: "json" | "form" = "json") {
  const res = await fetch(new URL(`/flows/${flowId}/sources/${sourceId}/submit`, baseURL).toString(), {
    method: "POST",
    headers: { "Content-Type": as === "json" ? "application/json" : "application/x-www-form-urlencoded", Accept: "application/json" },
    body: as === "json" ? JSON.stringify(lead) : new URLSearchParams(lead).toString(),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { outcome: string; reason?: string; lead: { id: string }; price: number };
}
