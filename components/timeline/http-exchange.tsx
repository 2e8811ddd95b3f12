"use client";
// What was sent and what came back (spec 06 §2.2 HttpRequest/HttpResponse, secrets masked).
import type { HttpRequestRecord, HttpResponseRecord } from "@/components/api/types";
import { cn } from "@/components/ui/cn";

function Body({ body, truncated }: { body: unknown; truncated?: boolean }) {
  if (body === undefined || body === null || body === "") return <p className="text-xs text-slate-400 italic">no body</p>;
  let text = typeof body === "string" ? body : JSON.stringify(body, null, 2);
  if (typeof body === "string") {
    try {
      text = JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      /* not JSON: show as sent */
    }
  }
  return (
    <>
      <pre className="max-h-72 overflow-auto rounded bg-slate-900 px-3 py-2 font-mono text-xs whitespace-pre-wrap text-slate-100">{text}</pre>
      {truncated ? <p className="text-xs text-amber-700">Body cut at 64 KiB.</p> : null}
    </>
  );
}

function Headers({ headers }: { headers?: Record<string, unknown> }) {
  const entries = Object.entries(headers ?? {});
  if (entries.length === 0) return null;
  return (
    <table className="mb-2 w-full font-mono text-xs">
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k} className="align-top">
            <th scope="row" className="w-56 py-0.5 pr-3 text-left font-medium text-slate-600">
              {k}
            </th>
            <td className="py-0.5 break-all text-slate-800">{Array.isArray(v) ? v.join(", ") : String(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HttpExchange({ request, response, error, ms, title }: { request?: HttpRequestRecord | null; response?: HttpResponseRecord | null; error?: string | null; ms?: number; title?: string }) {
  const status = response?.status;
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <section aria-label={title ? `${title} request` : "Request"} className="min-w-0">
        <h4 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">Request</h4>
        {request ? (
          <>
            <p className="mb-1 font-mono text-xs break-all">
              <span className="font-semibold">{request.method ?? "POST"}</span> {request.uri ?? request.url}
            </p>
            <Headers headers={request.headers} />
            <Body body={request.body} truncated={request.body_truncated} />
          </>
        ) : (
          <p className="text-xs text-slate-400 italic">not recorded</p>
        )}
      </section>
      <section aria-label={title ? `${title} response` : "Response"} className="min-w-0">
        <h4 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          Response{ms !== undefined ? ` · ${ms} ms` : ""}
        </h4>
        {response ? (
          <>
            <p className={cn("mb-1 font-mono text-xs font-semibold", status && status >= 400 ? "text-red-700" : "text-emerald-700")}>
              HTTP {status} {response.status_text ?? ""}
            </p>
            <Headers headers={response.headers} />
            <Body body={response.body} truncated={response.body_truncated} />
          </>
        ) : (
          <p className="text-xs text-red-700">{error ?? "No response"}</p>
        )}
      </section>
    </div>
  );
}
