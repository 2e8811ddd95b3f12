/**
 * `email` type (spec 01 §4). Normal: lower-cased, all whitespace removed; components are read from
 * the normal. Free/disposable flags come from the bundled domain lists.
 */
import freeDomainList from "email-providers/all.json";
import disposableDomainList from "disposable-email-domains/index.json";
import disposableWildcardList from "disposable-email-domains/wildcard.json";
import { type TypedValue, trimmedText } from "./common";

export interface EmailValue extends TypedValue<string> {
  user?: string;
  domain?: string;
  host?: string;
  tld?: string;
  is_free?: boolean;
  is_disposable?: boolean;
}

// Lists are lower-case already; Sets are built once at module load for O(1) look-ups.
// The providers list also names the RFC 2606 example domains, which are no one's webmail.
const FREE = new Set<string>(freeDomainList as readonly string[]);
for (const reserved of ["example.com", "example.net", "example.org"]) FREE.delete(reserved);
const DISPOSABLE = new Set<string>(disposableDomainList as readonly string[]);
/** Domains whose every subdomain is disposable as well. */
const DISPOSABLE_WILDCARD = new Set<string>(disposableWildcardList as readonly string[]);

/**
 * Multi-label public suffixes that count as one TLD (`bbc.co.uk` -> host `bbc`, tld `co.uk`).
 * A compact subset of the Public Suffix List covering the registries seen in lead data.
 */
const MULTI_LABEL_SUFFIXES = new Set([
  "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "ac.uk", "gov.uk", "sch.uk", "nhs.uk", "police.uk",
  "com.au", "net.au", "org.au", "edu.au", "gov.au", "asn.au", "id.au",
  "co.nz", "net.nz", "org.nz", "ac.nz", "govt.nz", "school.nz",
  "co.za", "org.za", "gov.za", "ac.za", "net.za",
  "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp",
  "co.kr", "or.kr", "ne.kr", "ac.kr", "go.kr",
  "co.in", "net.in", "org.in", "firm.in", "gen.in", "ind.in", "ac.in", "edu.in", "gov.in",
  "co.il", "org.il", "ac.il", "gov.il", "net.il",
  "co.id", "or.id", "ac.id", "go.id", "web.id",
  "co.th", "in.th", "ac.th", "go.th", "or.th",
  "co.ke", "co.tz", "co.ug", "co.zw", "co.bw",
  "com.br", "net.br", "org.br", "gov.br", "edu.br",
  "com.mx", "net.mx", "org.mx", "gob.mx", "edu.mx",
  "com.ar", "com.co", "com.pe", "com.ve", "com.ec", "com.uy", "com.py", "com.bo", "com.gt", "com.pa",
  "com.do", "com.sv", "com.hn", "com.ni", "co.cr", "com.pr", "com.jm", "com.tt",
  "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn",
  "com.hk", "net.hk", "org.hk", "edu.hk", "gov.hk",
  "com.tw", "net.tw", "org.tw", "edu.tw", "gov.tw",
  "com.sg", "net.sg", "org.sg", "edu.sg", "gov.sg",
  "com.my", "net.my", "org.my", "edu.my", "gov.my",
  "com.ph", "net.ph", "org.ph", "edu.ph", "gov.ph",
  "com.vn", "net.vn", "edu.vn", "gov.vn",
  "com.pk", "net.pk", "org.pk", "edu.pk", "gov.pk",
  "com.tr", "net.tr", "org.tr", "edu.tr", "gov.tr",
  "com.ua", "net.ua", "org.ua", "com.pl", "net.pl", "org.pl",
  "com.eg", "com.sa", "com.ng", "com.gh", "com.qa", "com.kw", "com.bh", "com.lb", "com.jo",
  "co.at", "or.at", "com.es", "com.pt", "com.gr", "com.cy", "com.mt",
]);

// Local part: RFC 5322 atext (plus non-ASCII) in dot-separated atoms.
const LOCAL = /^[\w!#$%&'*+/=?^`{|}~\u00a1-\uffff-]+(?:\.[\w!#$%&'*+/=?^`{|}~\u00a1-\uffff-]+)*$/;
// Domain: LDH labels (non-ASCII allowed for IDNs) and an alphabetic or punycode TLD.
const DOMAIN =
  /^(?:[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?\.)+(?:[a-z\u00a1-\uffff]{2,63}|xn--[a-z0-9-]{1,59})$/;
const WHITESPACE = /\s+/g;
const DISPLAY_NAME = /<([^<>]*)>$/;
/** RFC 5321 caps an address at 254 characters; allow slack for whitespace and a display name. */
const MAX_INPUT_LEN = 1000;

function isDisposable(domain: string): boolean {
  if (DISPOSABLE.has(domain)) return true;
  for (let i = domain.indexOf("."); i !== -1; i = domain.indexOf(".", i + 1)) {
    if (DISPOSABLE_WILDCARD.has(domain.slice(i + 1))) return true;
  }
  return DISPOSABLE_WILDCARD.has(domain);
}

export function parseEmail(raw: unknown): EmailValue {
  const text = trimmedText(raw);
  if (typeof raw !== "string" || text.length > MAX_INPUT_LEN) return { normal: text, raw, valid: false };

  // "Ann Lee <ann@example.com>" -> the address inside the angle brackets.
  let address = text;
  if (text.endsWith(">")) {
    const m = DISPLAY_NAME.exec(text);
    if (m) address = m[1];
  }
  const normal = address.replace(WHITESPACE, "").toLowerCase();

  const at = normal.indexOf("@");
  if (at <= 0 || at !== normal.lastIndexOf("@") || normal.length > 254) return { normal, raw, valid: false };
  const user = normal.slice(0, at);
  const domain = normal.slice(at + 1);
  if (user.length > 64 || domain.length > 253 || !LOCAL.test(user) || !DOMAIN.test(domain)) {
    return { normal, raw, valid: false };
  }

  const lastDot = domain.lastIndexOf(".");
  const secondDot = domain.lastIndexOf(".", lastDot - 1);
  let tldStart = lastDot + 1;
  if (MULTI_LABEL_SUFFIXES.has(domain.slice(secondDot + 1))) {
    // A bare public suffix ("ann@co.uk") names no mail domain.
    if (secondDot === -1) return { normal, raw, valid: false };
    tldStart = secondDot + 1;
  }
  return {
    normal,
    raw,
    valid: true,
    user,
    domain,
    host: domain.slice(0, tldStart - 1),
    tld: domain.slice(tldStart),
    is_free: FREE.has(domain),
    is_disposable: isDisposable(domain),
  };
}
