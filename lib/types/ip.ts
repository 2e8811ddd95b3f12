/**
 * `ip` type (spec 01 §4): IPv4 or IPv6, bare or with brackets/scheme/port. `ipv6_format` maps IPv4
 * to `::ffff:` plus hex groups; IPv6 is written in compressed lower-case form (RFC 5952).
 */
import { type TypedValue, trimmedText } from "./common";

export interface IpValue extends TypedValue<string> {
  is_ipv4?: boolean;
  ipv6_format?: string;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const IPV4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;
const BRACKETED = /^\[([^\]]+)\](?::\d{1,5})?$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;
const MAX_LEN = 128;

/** The four octets of a dotted-quad IPv4 address (no leading zeros), or undefined. */
function ipv4Octets(s: string): number[] | undefined {
  const m = IPV4.exec(s);
  if (!m) return undefined;
  const octets: number[] = [];
  for (let i = 1; i <= 4; i++) {
    const part = m[i];
    // Leading zeros are ambiguous (octal in some parsers): reject rather than guess.
    if (part.length > 1 && part[0] === "0") return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    octets.push(n);
  }
  return octets;
}

/** The eight 16-bit groups of an IPv6 address, or undefined. */
function ipv6Groups(s: string): number[] | undefined {
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const parseSide = (side: string, allowIpv4Tail: boolean): number[] | undefined => {
    if (side === "") return [];
    const parts = side.split(":");
    const groups: number[] = [];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (allowIpv4Tail && i === parts.length - 1 && p.includes(".")) {
        const o = ipv4Octets(p);
        if (!o) return undefined;
        groups.push((o[0] << 8) | o[1], (o[2] << 8) | o[3]);
      } else if (HEX_GROUP.test(p)) groups.push(parseInt(p, 16));
      else return undefined;
    }
    return groups;
  };
  if (halves.length === 1) {
    const g = parseSide(s, true);
    return g && g.length === 8 ? g : undefined;
  }
  const head = parseSide(halves[0], false);
  const tail = parseSide(halves[1], true);
  if (!head || !tail || head.length + tail.length > 7) return undefined;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** RFC 5952 text: lower-case hex, no leading zeros, longest run (>= 2) of zero groups as "::". */
export function compressIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLen).join(":")}`;
}

export function parseIp(raw: unknown): IpValue {
  const text = trimmedText(raw);
  if (typeof raw !== "string" || text.length > MAX_LEN) return { normal: text, raw, valid: false };

  let s = text.replace(SCHEME, "");
  const slash = s.indexOf("/");
  if (slash >= 0) s = s.slice(0, slash);
  const bracketed = BRACKETED.exec(s);
  if (bracketed) s = bracketed[1];
  else {
    const withPort = IPV4_WITH_PORT.exec(s);
    if (withPort) s = withPort[1];
  }

  const octets = ipv4Octets(s);
  if (octets) {
    const hi = ((octets[0] << 8) | octets[1]).toString(16);
    const lo = ((octets[2] << 8) | octets[3]).toString(16);
    return { normal: octets.join("."), raw, valid: true, is_ipv4: true, ipv6_format: `::ffff:${hi}:${lo}` };
  }
  const groups = ipv6Groups(s);
  if (groups) {
    const v6 = compressIpv6(groups);
    return { normal: v6, raw, valid: true, is_ipv4: false, ipv6_format: v6 };
  }
  return { normal: text, raw, valid: false };
}
