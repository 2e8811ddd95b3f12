// The one way the browser talks to the admin JSON API (spec 07 §2). Every react-query hook goes
// through `api()`, so errors always arrive as an `ApiError` carrying the envelope of §2.2.

export interface ApiIssue {
  path: string;
  message: string;
}

/** An error answer of the admin API, with the machine code and extras of spec 07 §2.2. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: ApiIssue[];
  readonly body: Record<string, unknown> | null;
  constructor(status: number, code: string, message: string, issues: ApiIssue[] = [], body: Record<string, unknown> | null = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.body = body;
  }
  /** 409 version_conflict carries the version that won (spec 07 §2.4). */
  get currentVersion(): number | null {
    const v = this.body?.current_version;
    return typeof v === "number" ? v : null;
  }
  /** The catch-all `/api/[...path]` route answers this for routes that are not built yet. */
  get routeMissing(): boolean {
    return this.status === 404 && /^No API route /.test(this.message);
  }
}

export type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string | number | boolean>;
export type Query = Record<string, QueryValue>;

/** `?a=1&b=x&b=y`: arrays repeat the key (spec 07 §2.1 "repeatable"); empty values are left out. */
export function toSearch(query?: Query): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.append(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

export interface ApiOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  query?: Query;
  /** JSON-serialized unless it is already a string/Blob/FormData. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function issuesOf(body: Record<string, unknown> | null): ApiIssue[] {
  const raw = body?.issues;
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((i): i is { path: unknown; message: unknown } => typeof i === "object" && i !== null)
    .map((i) => ({
      path: Array.isArray(i.path) ? i.path.join(".") : String(i.path ?? ""),
      message: String(i.message ?? "Invalid"),
    }));
}

export async function api<T = unknown>(path: string, options: ApiOptions = {}): Promise<T> {
  const { method = "GET", query, body, headers = {}, signal } = options;
  const init: RequestInit = { method, headers: { Accept: "application/json", ...headers }, signal, credentials: "same-origin" };
  if (body !== undefined) {
    if (typeof body === "string" || body instanceof Blob || body instanceof FormData) {
      init.body = body;
    } else {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)["Content-Type"] = "application/json";
    }
  }
  let res: Response;
  try {
    res = await fetch(`${path}${toSearch(query)}`, init);
  } catch (err) {
    if ((err as Error)?.name === "AbortError") throw err;
    throw new ApiError(0, "network", "Could not reach the server. Check your connection and try again.");
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!res.ok) {
    const envelope = typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
    if (res.status === 401 && typeof window !== "undefined") {
      // The session ended: send the person to sign in and back here afterwards.
      const next = window.location.pathname + window.location.search;
      window.location.assign(`/login?next=${encodeURIComponent(next)}`);
    }
    const message =
      (typeof envelope?.message === "string" && envelope.message) ||
      (typeof data === "string" && data.slice(0, 300)) ||
      `Request failed (HTTP ${res.status})`;
    throw new ApiError(res.status, String(envelope?.error ?? `http_${res.status}`), message, issuesOf(envelope), envelope);
  }
  return data as T;
}

/** List endpoints answer `{data, next_cursor}` (spec 07 §2.1); a few answer a bare array. */
export function listOf<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === "object" && Array.isArray((body as { data?: unknown }).data)) return (body as { data: T[] }).data;
  return [];
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
  total?: number;
}

export function pageOf<T>(body: unknown): Page<T> {
  const b = (body ?? {}) as Partial<Page<T>>;
  return { data: listOf<T>(body), next_cursor: typeof b.next_cursor === "string" ? b.next_cursor : null, total: typeof b.total === "number" ? b.total : undefined };
}

/** Human text for any error a hook can throw. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.routeMissing) return "This part of the server is not available yet.";
    if (err.code === "forbidden") return `Not allowed: ${err.message}`;
    return err.message;
  }
  if (err instanceof Error) return err.message;
  return "Something went wrong";
}
