// Request helpers the admin routes need beside lib/server/api.ts (readJson, readQuery).
import type { z } from "zod";
import { readJson } from "@/lib/server/api";
import { ApiError, zodIssues } from "@/lib/server/errors";

/** True when a request carries no body at all (no Content-Length, or 0, and not chunked). */
export function hasNoBody(request: Request): boolean {
  const length = request.headers.get("content-length");
  if (length !== null) return Number(length) === 0;
  return !request.headers.get("transfer-encoding") && request.body === null;
}

/**
 * Like readJson, but an absent body counts as `{}`: action routes (`deploy`, `keys`) are often
 * called with no body by scripts.
 */
export async function readOptionalJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  if (!hasNoBody(request)) return readJson(request, schema);
  const parsed = schema.safeParse({});
  if (!parsed.success) throw new ApiError("validation", "The request is not valid", { issues: zodIssues(parsed.error) });
  return parsed.data;
}

/**
 * readQuery for schemas with repeatable parameters: a key given several times becomes an array
 * ("any of", spec 07 §2.1). Bad formats are 400 `bad_request`.
 */
export function readQueryAll<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = new URL(request.url).searchParams;
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    raw[key] = all.length === 1 ? all[0] : all;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ApiError("bad_request", "Invalid query parameters", { issues: zodIssues(parsed.error) });
  return parsed.data;
}

/** 201 Created with a JSON body. */
export function created(body: unknown): Response {
  return Response.json(body, { status: 201 });
}
