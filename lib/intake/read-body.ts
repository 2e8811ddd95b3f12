import { intakeErrors } from "@/lib/intake/errors";

const EMPTY = new Uint8Array(0);

/**
 * Reads a request body into one byte array, refusing (413) as soon as more than `limit` bytes
 * arrive, so an oversized or endless body is never buffered whole (the Content-Length check
 * happens earlier; this one also covers chunked bodies and lying headers).
 */
export async function readBodyWithLimit(request: Request, limit: number): Promise<Uint8Array> {
  const stream = request.body;
  if (!stream) return EMPTY;
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!value || value.byteLength === 0) continue;
      total += value.byteLength;
      if (total > limit) {
        // Stop the upload; the rejection of cancel() is irrelevant once we answer 413.
        reader.cancel().catch(() => {});
        throw intakeErrors.payloadTooLarge(limit);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 0) return EMPTY;
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
