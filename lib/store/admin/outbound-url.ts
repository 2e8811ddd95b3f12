// Save-time SSRF check for URLs Leadflow will call (recipient steps, pricing services; spec 05
// §3.1, 07 §2.10b). Synchronous: it judges the URL text only. Delivery must check again after
// DNS resolution, since a public name can point at a private address.
import { BlockList, isIP } from "node:net";
import { config } from "@/lib/server/config";

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16],
  ["172.16.0.0", 12], ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) PRIVATE.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8]] as const) {
  PRIVATE.addSubnet(net, bits, "ipv6");
}

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

/** `LEADFLOW_DELIVERY_ALLOW_HOSTS`: host names and IPs/CIDRs that may be private (tests, local buyers). */
function allowList(): { names: Set<string>; nets: BlockList } {
  const names = new Set<string>();
  const nets = new BlockList();
  for (const entry of config().LEADFLOW_DELIVERY_ALLOW_HOSTS.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    const [addr, bits] = entry.split("/");
    const family = isIP(addr);
    if (family && bits !== undefined) nets.addSubnet(addr, Number(bits), family === 4 ? "ipv4" : "ipv6");
    else if (family) nets.addAddress(addr, family === 4 ? "ipv4" : "ipv6");
    else names.add(entry);
  }
  return { names, nets };
}

/** An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) is judged as the IPv4 address it carries. */
function unmapped(ip: string): { ip: string; family: "ipv4" | "ipv6" } {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (dotted) return { ip: dotted[1], family: "ipv4" };
  // The URL parser writes it in hex: [::ffff:a00:1].
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
  if (hex) {
    const [hi, lo] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
    return { ip: [hi >> 8, hi & 255, lo >> 8, lo & 255].join("."), family: "ipv4" };
  }
  return { ip, family: isIP(ip) === 4 ? "ipv4" : "ipv6" };
}

/**
 * Null when the URL may be called; otherwise the delivery error text of spec 05 §3.1
 * (`URL must be valid`, `URL must be public`).
 */
export function outboundUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return "URL must be valid";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "URL must be valid";
  if (url.username || url.password) return "URL must be valid";
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const allowed = allowList();
  if (allowed.names.has(host)) return null;
  if (isIP(host)) {
    const { ip, family } = unmapped(host);
    if (allowed.nets.check(ip, family)) return null;
    return PRIVATE.check(ip, family) ? "URL must be public" : null;
  }
  return LOCAL_NAMES.test(host) || !host.includes(".") ? "URL must be public" : null;
}
