import { DEFAULT_INTAKE_LIMITS, parseIntakeRequest, type RequestRecord } from "@/lib/intake";

/**
 * The submitted data (07 §1.3.6), re-parsed from the stored (masked) request exactly as intake
 * parsed it; the stored field values when the request cannot be read.
 */
export async function submittedData(record: RequestRecord | undefined, fields: Record<string, unknown>) {
  if (record?.uri) {
    try {
      const headers = new Headers();
      for (const [k, v] of Object.entries(record.headers ?? {})) if (!/^(content-length|transfer-encoding|host)$/i.test(k)) headers.set(k, v);
      headers.set("accept", "application/json");
      // Intake reads a POST body only when its length is announced, as a real request does.
      if (record.body !== null) headers.set("content-length", String(Buffer.byteLength(record.body)));
      const request = new Request(record.uri, { method: record.method, headers, body: record.method === "GET" ? undefined : (record.body ?? "") });
      return (await parseIntakeRequest(request, DEFAULT_INTAKE_LIMITS)).data;
    } catch {
      /* fall back to the stored field values */
    }
  }
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) data[k] = v && typeof v === "object" && "raw" in v ? (v as { raw: unknown }).raw : v;
  return data;
}
