import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { isAllowedAddress, isAllowedTarget, type TargetPolicy } from "@/lib/engine/public-url";

/** The delivery target policy of this instance: `LEADFLOW_DELIVERY_ALLOW_HOSTS` (hosts, addresses, CIDRs). */
export function targetPolicy(spec = process.env.LEADFLOW_DELIVERY_ALLOW_HOSTS ?? ""): TargetPolicy {
  return { allowHosts: spec.split(",").map((s) => s.trim()).filter(Boolean), allowLoopback: false };
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
 * Refuses private targets after DNS, so that a public name pointing at a private address is
 * refused too (the classification is lib/engine/public-url's). Null when the target may be called.
 */
export async function checkPublicTarget(raw: string, policy: TargetPolicy = targetPolicy()): Promise<string | null> {
  const shape = checkUrlShape(raw);
  if (shape) return shape;
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, "");
  if (!isAllowedTarget(host, policy)) return "URL must be public";
  if (isIP(host)) return null;
  let addresses: string[];
  try {
    addresses = (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return null; // unresolvable: the request itself reports the connection failure
  }
  return addresses.every((address) => isAllowedAddress(host, address, policy)) ? null : "URL must be public";
}
