// Account-level pricing services (spec 04 §3.2, 07 §2.10b).
import { db } from "@/lib/store/prisma";
import { newId } from "@/lib/ids";
import type { PricingService } from "@/lib/generated/sqlite/client";
import { MASKED_SECRET } from "@/lib/schemas/common";
import type { PricingServiceCreateBody, PricingServiceListQuery, PricingServiceUpdateBody } from "@/lib/schemas/pricing-service";
import { ApiError, notFound, validationError } from "@/lib/server/errors";
import { flowsReferencing } from "./flow-references";
import { outboundUrlProblem } from "./outbound-url";
import { afterCreatedAt, byCreatedAt, createdAtKey, nameContains, toPage } from "./pagination";

type Headers = Record<string, string>;
const headersOf = (s: PricingService): Headers => (s.headers && typeof s.headers === "object" ? (s.headers as Headers) : {});

/** Header values are secrets: every value reads back as the mask. */
function serviceResource(s: PricingService) {
  return {
    id: s.id,
    name: s.name,
    url: s.url,
    headers: Object.fromEntries(Object.keys(headersOf(s)).map((k) => [k, MASKED_SECRET])),
    timeout_ms: s.timeoutMs,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
  };
}

function assertCallable(url: string) {
  const problem = outboundUrlProblem(url);
  if (problem) throw validationError([{ path: "url", message: problem }]);
}

async function requireService(id: string): Promise<PricingService> {
  const service = await db().pricingService.findUnique({ where: { id } });
  if (!service) throw notFound("Pricing service");
  return service;
}

export async function listPricingServices(query: PricingServiceListQuery) {
  const rows = await db().pricingService.findMany({
    where: { ...nameContains(query.q), ...afterCreatedAt(query.cursor) },
    orderBy: byCreatedAt,
    take: query.limit + 1,
  });
  return toPage(rows, query.limit, createdAtKey, serviceResource);
}

export async function getPricingService(id: string) {
  return serviceResource(await requireService(id));
}

export async function createPricingService(input: PricingServiceCreateBody) {
  assertCallable(input.url);
  if (Object.values(input.headers).includes(MASKED_SECRET)) {
    throw validationError([{ path: "headers", message: `"${MASKED_SECRET}" stands for a stored value; give the real one` }]);
  }
  const service = await db().pricingService.create({
    data: { id: newId(), name: input.name, url: input.url, headers: input.headers, timeoutMs: input.timeout_ms },
  });
  return serviceResource(service);
}

/** PUT: a header sent back as the mask keeps its stored value, so forms can round-trip secrets. */
export async function updatePricingService(id: string, input: PricingServiceUpdateBody) {
  const existing = await requireService(id);
  assertCallable(input.url);
  const stored = headersOf(existing);
  const headers: Headers = {};
  for (const [name, value] of Object.entries(input.headers)) {
    if (value !== MASKED_SECRET) headers[name] = value;
    else if (name in stored) headers[name] = stored[name];
    else throw validationError([{ path: `headers.${name}`, message: "no stored value to keep; give the real one" }]);
  }
  const service = await db().pricingService.update({
    where: { id },
    data: { name: input.name, url: input.url, headers, timeoutMs: input.timeout_ms },
  });
  return serviceResource(service);
}

/** DELETE: refused (409) while a latest or deployed flow version uses the service. */
export async function deletePricingService(id: string) {
  const service = await requireService(id);
  const references = await flowsReferencing("pricing_service", id);
  if (references.length) {
    throw new ApiError("conflict", `${service.name} is used by ${references.length} flow version(s)`, {
      references: references.map((r) => ({ flow_id: r.flow_id, version: r.version })),
    });
  }
  await db().pricingService.delete({ where: { id } });
  return serviceResource(service);
}

/** The service with its real header values, for the engine's pricing phase. */
export async function pricingServiceForCall(id: string) {
  const service = await db().pricingService.findUnique({ where: { id } });
  return service ? { id: service.id, name: service.name, url: service.url, headers: headersOf(service), timeout_ms: service.timeoutMs } : null;
}
