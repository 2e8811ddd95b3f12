// Private targets are refused (05 §3.1): loopback, private, link-local, unique-local, CGNAT,
// benchmarking, multicast and reserved addresses, unless allow-listed (LEADFLOW_DELIVERY_ALLOW_HOSTS)
// or loopback is allowed (tests). The one place that classifies target addresses: the engine judges
// host names and IP literals here, the HTTP port repeats the check on the addresses DNS returns,
// and the admin API uses it at save time.

import { BlockList, isIP } from "node:net";

export interface TargetPolicy {
  /** Host names, addresses or CIDRs (`10.0.0.0/8`, `fd00::/8`) that may be called although private. */
  allowHosts: readonly string[];
  allowLoopback: boolean;
}

export type AddressClass = "public" | "loopback" | "private";

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  PRIVATE.addSubnet(net, bits, "ipv4");
}
for (const [net, bits] of [
  ["::", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  PRIVATE.addSubnet(net, bits, "ipv6");
}

/** An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, `::ffff:a00:1`) is judged as the IPv4 address it carries. */
function unmapped(ip: string): { ip: string; family: "ipv4" | "ipv6" } {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (dotted) return { ip: dotted[1]!, family: "ipv4" };
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
  if (hex) {
    const [hi, lo] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
    return { ip: [hi >> 8, hi & 255, lo >> 8, lo & 255].join("."), family: "ipv4" };
  }
  return { ip, family: isIP(ip) === 4 ? "ipv4" : "ipv6" };
}

/** Class of an IP literal; null when `ip` is not one. */
export function classifyIp(raw: string): AddressClass | null {
  const zone = raw.indexOf("%");
  const literal = zone >= 0 ? raw.slice(0, zone) : raw;
  if (!isIP(literal)) return null;
  const { ip, family } = unmapped(literal.toLowerCase());
  if (LOOPBACK.check(ip, family)) return "loopback";
  return PRIVATE.check(ip, family) ? "private" : "public";
}

const allowLists = new WeakMap<readonly string[], { names: Set<string>; nets: BlockList }>();

function allowListed(host: string, policy: TargetPolicy): boolean {
  let list = allowLists.get(policy.allowHosts);
  if (!list) {
    list = { names: new Set(), nets: new BlockList() };
    for (const entry of policy.allowHosts.map((e) => e.trim().toLowerCase()).filter(Boolean)) {
      const [addr, bits] = entry.replace(/^\[|\]$/g, "").split("/");
      const family = isIP(addr!);
      if (family && bits !== undefined) list.nets.addSubnet(addr!, Number(bits), family === 4 ? "ipv4" : "ipv6");
      else if (family) list.nets.addAddress(addr!, family === 4 ? "ipv4" : "ipv6");
      else list.names.add(entry);
    }
    allowLists.set(policy.allowHosts, list);
  }
  const h = host.toLowerCase();
  if (list.names.has(h)) return true;
  if (!isIP(h)) return false;
  const { ip, family } = unmapped(h);
  return list.nets.check(ip, family);
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
