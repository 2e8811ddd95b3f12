/**
 * `trustedform_url` type (spec 01 §4). A self-hosted build cannot decrypt certificate ids, so only
 * the format is validated and the certificate type flags stay null (decision, spec 09 §1.1).
 */
import { type TypedValue, trimmedText } from "./common";
import { toHttpUrl } from "./url";

export interface TrustedFormUrlValue extends TypedValue<string> {
  cert_id?: string;
  type?: null;
  is_web?: null;
  is_mobile?: null;
  is_facebook?: null;
  is_masked?: null;
  /** Deprecated: kept for older mappings. */
  host?: string;
  /** Deprecated: kept for older mappings. */
  path?: string;
}

const CERT_HOSTS = new Set(["cert.trustedform.com", "ping.trustedform.com"]);
/** Certificate ids are hex (web) or URL-safe base64 segments joined by dots; up to 255 chars. */
const CERT_ID = /^[A-Za-z0-9._~-]{1,255}$/;
const HEX_40 = /^[0-9a-fA-F]{40}$/;

export function parseTrustedFormUrl(raw: unknown): TrustedFormUrlValue {
  const text = trimmedText(raw);
  const url = typeof raw === "string" ? toHttpUrl(text) : undefined;
  if (!url || url.protocol !== "https:" || !CERT_HOSTS.has(url.hostname) || url.port !== "") {
    return { normal: text, raw, valid: false };
  }
  let id = url.pathname.slice(1);
  if (!CERT_ID.test(id)) return { normal: text, raw, valid: false };
  if (HEX_40.test(id)) id = id.toLowerCase();
  return {
    normal: `https://${url.hostname}/${id}`,
    raw,
    valid: true,
    cert_id: id,
    type: null,
    is_web: null,
    is_mobile: null,
    is_facebook: null,
    is_masked: null,
    host: url.hostname,
    path: url.pathname,
  };
}
