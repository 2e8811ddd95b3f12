import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

// Addresses a recipient or pricing service may not reach unless allow-listed (05 §3.1): loopback,
// private, link-local, unique-local, CGNAT, unspecified and multicast, in IPv4 and IPv6, including
// IPv4-mapped IPv6 forms.
const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

function mappedV4(address: string): string | null {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : null;
}

export function isPrivateAddress(address: string): boolean {
  const v4 = mappedV4(address);
  if (v4) return blocked.check(v4, "ipv4");
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) return blocked.check(address, "ipv6");
  return true;
}

/** `LEADFLOW_DELIVERY_ALLOW_HOSTS`: host names, addresses or CIDRs that may be private. */
export function allowList(spec = process.env.LEADFLOW_DELIVERY_ALLOW_HOSTS ?? "") {
  const hosts = new Set<string>();
  const nets = new BlockList();
  for (const raw of spec.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    const [addr, bits] = raw.split("/");
    const family = isIP(addr!.replace(/^\[|\]$/g, ""));
    if (family && bits) nets.addSubnet(addr!, Number(bits), family === 4 ? "ipv4" : "ipv6");
    else if (family) nets.addAddress(addr!.replace(/^\[|\]$/g, ""), family === 4 ? "ipv4" : "ipv6");
    else hosts.add(raw);
  }
  return {
    allows(host: string, address: string): boolean {
      if (hosts.has(host.toLowerCase())) return true;
      const family = isIP(address);
      return family ? nets.check(address, family === 4 ? "ipv4" : "ipv6") : false;
    },
  };
}

/** Synchronous shape check of a target URL (used at save time and before sending). */
export function checkUrlShape(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "URL must be valid";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "URL must be valid";
  return null;
}

/**
 * Resolves the host and refuses private targets (after DNS, so a public name pointing at a
 * private address is refused too). Returns null when the target may be called.
 */
export async function checkPublicTarget(raw: string, allow = allowList()): Promise<string | null> {
  const shape = checkUrlShape(raw);
  if (shape) return shape;
  const url = new URL(raw);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return null; // unresolvable: the request itself reports the connection failure
  }
  for (const address of addresses) {
    if (isPrivateAddress(address) && !allow.allows(host, address)) return "URL must be public";
  }
  return null;
}
