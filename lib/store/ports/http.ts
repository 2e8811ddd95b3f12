import dns, { type LookupAddress } from "node:dns";
import { STATUS_CODES } from "node:http";
import { isIP } from "node:net";
import { Agent, buildConnector, interceptors, request as undiciRequest, type Dispatcher } from "undici";
import type { HttpResponse, OutboundHttp, OutboundRequest, SendResult } from "@/lib/engine/ports";
import { isAllowedAddress, isAllowedTarget, type TargetPolicy } from "@/lib/engine/public-url";
import { checkTarget, targetPolicy } from "@/lib/server/ssrf";

const MAX_BODY = 1024 * 1024;
const MAX_REDIRECTS = 20; // what fetch follows
const REFUSED = "URL must be public";

class TargetRefused extends Error {
  readonly code = "ERR_LEADFLOW_TARGET_REFUSED";
  constructor() {
    super(REFUSED);
  }
}

/**
 * DNS resolution that refuses private addresses. The policy is enforced on the address the socket
 * actually connects to, so a name that resolves differently between a check and the connection
 * (DNS rebinding) or a redirect to a private host cannot slip through.
 */
function guardedLookup(policy: TargetPolicy) {
  return (hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err);
      const list = addresses as LookupAddress[];
      if (!list.length || list.some((a) => !isAllowedAddress(hostname, a.address, policy))) return callback(new TargetRefused());
      if (options.all) callback(null, list);
      else callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** One keep-alive connection pool per policy; every new connection passes the policy first. */
function dispatcherFor(policy: TargetPolicy) {
  const connect = buildConnector({ lookup: guardedLookup(policy) as never });
  const agent = new Agent({
    connect(options, callback) {
      // Literal addresses never reach DNS, so they are judged here (redirect hops included).
      const host = options.hostname.replace(/^\[|\]$/g, "");
      if (isIP(host) && !isAllowedTarget(host, policy)) return callback(new TargetRefused(), null);
      return connect(options, callback);
    },
  });
  return { direct: agent as Dispatcher, following: agent.compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTS })) };
}

async function readCapped(body: Dispatcher.ResponseData["body"]): Promise<{ body: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (size + chunk.byteLength > MAX_BODY) {
      chunks.push(chunk.subarray(0, MAX_BODY - size));
      body.destroy();
      return { body: new TextDecoder().decode(Buffer.concat(chunks)), truncated: true };
    }
    chunks.push(chunk);
    size += chunk.byteLength;
  }
  return { body: new TextDecoder().decode(Buffer.concat(chunks)), truncated: false };
}

function headersOf(raw: Record<string, string | string[] | undefined>): HttpResponse["headers"] {
  const out: HttpResponse["headers"] = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (name === "set-cookie") out[name] = Array.isArray(value) && value.length === 1 ? value[0]! : value;
    else out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code ?? e?.cause?.code;
}

/**
 * Real outbound HTTP for recipients and services (05 §3–§5): private targets refused unless
 * allow-listed (checked at connect time), one time-out over connect + send + the whole answer,
 * bodies cut at 1 MiB, keep-alive connections. Network problems are results, never exceptions.
 * undici's `request` rather than `fetch`: a third of the CPU per call (bench/intake.ts).
 */
export function fetchHttp(clock: () => number = Date.now): OutboundHttp {
  const policy = targetPolicy();
  const dispatcher = dispatcherFor(policy);
  return {
    async send(request: OutboundRequest, timeoutMs: number): Promise<SendResult> {
      const startedAt = clock();
      const refused = checkTarget(request.url, policy);
      if (refused) return { ok: false, error: "refused", message: refused, startedAt, endedAt: clock() };
      const signal = AbortSignal.timeout(Math.max(1, timeoutMs));
      try {
        const res = await undiciRequest(request.url, {
          method: request.method as Dispatcher.HttpMethod,
          headers: request.headers,
          body: request.body ?? undefined,
          dispatcher: request.followRedirects ? dispatcher.following : dispatcher.direct,
          signal,
        });
        const { body, truncated } = await readCapped(res.body);
        const response = { status: res.statusCode, statusText: STATUS_CODES[res.statusCode] ?? "", headers: headersOf(res.headers), body, truncated, version: "1.1" };
        return { ok: true, response, startedAt, endedAt: clock() };
      } catch (err) {
        const endedAt = clock();
        if (signal.aborted) return { ok: false, error: "timeout", startedAt, endedAt };
        const code = errorCode(err);
        if (err instanceof TargetRefused || code === "ERR_LEADFLOW_TARGET_REFUSED") return { ok: false, error: "refused", message: REFUSED, startedAt, endedAt };
        const message = (err as { cause?: { message?: string } }).cause?.message ?? (err instanceof Error ? err.message : String(err));
        return { ok: false, error: "connection", code: code ?? "ECONNRESET", message, startedAt, endedAt };
      }
    },
  };
}
