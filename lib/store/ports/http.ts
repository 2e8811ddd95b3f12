import type { HttpResponse, OutboundHttp, OutboundRequest, SendResult } from "@/lib/engine/ports";
import { checkPublicTarget, targetPolicy } from "@/lib/server/ssrf";

const MAX_BODY = 1024 * 1024;

async function readCapped(res: Response): Promise<{ body: string; truncated: boolean }> {
  if (!res.body) return { body: "", truncated: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > MAX_BODY) {
      chunks.push(value.subarray(0, MAX_BODY - size));
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return { body: new TextDecoder().decode(Buffer.concat(chunks)), truncated };
}

function headersOf(res: Response): HttpResponse["headers"] {
  const out: HttpResponse["headers"] = {};
  res.headers.forEach((value, name) => {
    if (name !== "set-cookie") out[name] = value;
  });
  const cookies = res.headers.getSetCookie();
  if (cookies.length) out["set-cookie"] = cookies.length === 1 ? cookies[0]! : cookies;
  return out;
}

/**
 * Real outbound HTTP for recipients and services (05 §3–§5): refuses private targets unless
 * allow-listed, one time-out over connect + send + the whole answer, bodies cut at 1 MiB.
 * Network problems are results, never exceptions.
 */
export function fetchHttp(clock: () => number = Date.now): OutboundHttp {
  const policy = targetPolicy();
  return {
    async send(request: OutboundRequest, timeoutMs: number): Promise<SendResult> {
      const startedAt = clock();
      const refused = await checkPublicTarget(request.url, policy);
      if (refused) return { ok: false, error: "refused", message: refused, startedAt, endedAt: clock() };
      const signal = AbortSignal.timeout(Math.max(1, timeoutMs));
      try {
        const res = await fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body ?? undefined,
          redirect: request.followRedirects ? "follow" : "manual",
          signal,
        });
        const { body, truncated } = await readCapped(res);
        return {
          ok: true,
          response: { status: res.status, statusText: res.statusText, headers: headersOf(res), body, truncated, version: "1.1" },
          startedAt,
          endedAt: clock(),
        };
      } catch (err) {
        const endedAt = clock();
        if (signal.aborted) return { ok: false, error: "timeout", startedAt, endedAt };
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        return { ok: false, error: "connection", code: cause?.code ?? "ECONNRESET", message: cause?.message ?? String(err), startedAt, endedAt };
      }
    },
  };
}
