/**
 * `url` type (spec 01 §4): http/https only, `http://` assumed when the scheme is missing.
 * Normal is the WHATWG canonical href.
 */
import { type TypedValue, trimmedText } from "./common";

export interface UrlValue extends TypedValue<string> {
  protocol?: "http" | "https";
  /** Host name without the port. */
  host?: string;
  /** "" when the URL has no explicit (non-default) port. */
  port?: string;
  path?: string;
  /** Query string without the leading "?". */
  query?: string;
  /** Fragment with its "#", "" when none. */
  hash?: string;
}

const HTTP_SCHEME = /^https?:\/\//i;
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:(?:\/\/|(?!\d))/i;
const WHITESPACE = /\s/;
const IPV4_HOST = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const TLD = /\.(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})\.?$/;
/** Long landing-page URLs with tracking parameters exist; anything beyond this is not a URL. */
export const MAX_URL_LEN = 16_384;

/** The parsed URL for an http(s) text, or undefined. Shared with trustedform_url. */
export function toHttpUrl(text: string): URL | undefined {
  if (text.length === 0 || text.length > MAX_URL_LEN || WHITESPACE.test(text)) return undefined;
  let href = text;
  if (!HTTP_SCHEME.test(text)) {
    if (text.startsWith("//")) href = `http:${text}`;
    else if (OTHER_SCHEME.test(text)) return undefined; // ftp://, mailto:, javascript: ...
    else href = `http://${text}`;
  }
  if (!URL.canParse(href)) return undefined;
  const url = new URL(href);
  const host = url.hostname;
  // A bare word ("asdf" -> http://asdf/) is not a web address: require a dotted name with a real
  // TLD, an IP literal or localhost.
  if (!(TLD.test(host) || IPV4_HOST.test(host) || host.startsWith("[") || host === "localhost")) return undefined;
  return url;
}

export function parseUrl(raw: unknown): UrlValue {
  const text = trimmedText(raw);
  const url = typeof raw === "string" ? toHttpUrl(text) : undefined;
  if (!url) return { normal: text, raw, valid: false };
  return {
    normal: url.href,
    raw,
    valid: true,
    protocol: url.protocol === "https:" ? "https" : "http",
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    query: url.search.slice(1),
    hash: url.hash,
  };
}
