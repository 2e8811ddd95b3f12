// Private targets are refused (05 §3.1): loopback, private, link-local and unique-local addresses,
// unless allow-listed (LEADFLOW_DELIVERY_ALLOW_HOSTS) or loopback is allowed (NODE_ENV=test).
// This file judges host names and IP literals; the HTTP port repeats the check after DNS.

import { isIP } from "node:net";

export interface TargetPolicy {
  /** Host names or CIDRs (`10.0.0.0/8`, `fd00::/8`) that may be called although private. */
  allowHosts: readonly string[];
  allowLoopback: boolean;
}

function ipv4ToInt(ip: string): number {
  return ip.split(".").reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
}

function inV4(ip: string, base: string, bits: number): boolean {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (ipv4ToInt(ip) & mask) === (ipv4ToInt(base) & mask);
}

function expandV6(ip: string): number[] | null {
  let s = ip.toLowerCase();
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  // IPv4-mapped tail (::ffff:10.0.0.1) → two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const n = ipv4ToInt(v4[1]);
    s = s.slice(0, v4.index) + ((n >>> 16) & 0xffff).toString(16) + ":" + (n & 0xffff).toString(16);
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...Array(Math.max(0, fill)).fill("0"), ...tail].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isFinite(g)) ? groups : null;
}

function inV6(groups: number[], base: string, bits: number): boolean {
  const b = expandV6(base);
  if (!b) return false;
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const take = Math.min(16, bits);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if ((groups[i] & mask) !== (b[i] & mask)) return false;
  }
  return true;
}

export type AddressClass = "public" | "loopback" | "private";

/** Class of an IP literal; null when `ip` is not one. */
export function classifyIp(ip: string): AddressClass | null {
  const v = isIP(ip);
  if (v === 4) {
    if (inV4(ip, "127.0.0.0", 8)) return "loopback";
    if (
      inV4(ip, "10.0.0.0", 8) ||
      inV4(ip, "172.16.0.0", 12) ||
      inV4(ip, "192.168.0.0", 16) ||
      inV4(ip, "169.254.0.0", 16) ||
      inV4(ip, "0.0.0.0", 8) ||
      inV4(ip, "100.64.0.0", 10)
    ) {
      return "private";
    }
    return "public";
  }
  if (v === 6) {
    const g = expandV6(ip);
    if (!g) return "private";
    if (g.every((x, i) => (i < 7 ? x === 0 : x === 1))) return "loopback";
    if (g.every((x) => x === 0)) return "private";
    if (inV6(g, "::ffff:0:0", 96)) return classifyIp(`${g[6] >> 8}.${g[6] & 255}.${g[7] >> 8}.${g[7] & 255}`);
    if (inV6(g, "fc00::", 7) || inV6(g, "fe80::", 10)) return "private";
    return "public";
  }
  return null;
}

function allowListed(host: string, policy: TargetPolicy): boolean {
  const h = host.toLowerCase();
  for (const entry of policy.allowHosts) {
    const e = entry.trim().toLowerCase();
    if (e === "") continue;
    const slash = e.indexOf("/");
    if (slash < 0) {
      if (e === h) return true;
      continue;
    }
    const base = e.slice(0, slash);
    const bits = Number(e.slice(slash + 1));
    if (isIP(h) === 4 && isIP(base) === 4 && inV4(h, base, bits)) return true;
    if (isIP(h) === 6 && isIP(base) === 6) {
      const g = expandV6(h);
      if (g && inV6(g, base, bits)) return true;
    }
  }
  return false;
}

const decisions = new WeakMap<TargetPolicy, Map<string, boolean>>();

/** May this host (name or IP literal, brackets removed) be called? Names other than `localhost` pass until DNS. */
export function isAllowedTarget(host: string, policy: TargetPolicy): boolean {
  // Hosts repeat lead after lead; the answer only depends on the host and the policy.
  let byHost = decisions.get(policy);
  if (!byHost) {
    byHost = new Map();
    decisions.set(policy, byHost);
  }
  let hit = byHost.get(host);
  if (hit === undefined) {
    hit = judgeTarget(host, policy);
    if (byHost.size >= 1000) byHost.clear();
    byHost.set(host, hit);
  }
  return hit;
}

function judgeTarget(host: string, policy: TargetPolicy): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (allowListed(h, policy)) return true;
  const cls = classifyIp(h) ?? (h === "localhost" || h.endsWith(".localhost") ? "loopback" : "public");
  if (cls === "public") return true;
  return cls === "loopback" && policy.allowLoopback;
}

/** The resolved address check for the HTTP port: the host name's allow-listing carries over. */
export function isAllowedAddress(host: string, address: string, policy: TargetPolicy): boolean {
  if (allowListed(host.replace(/^\[|\]$/g, ""), policy)) return true;
  return isAllowedTarget(address, policy);
}
