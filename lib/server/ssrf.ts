import { isAllowedTarget, type TargetPolicy } from "@/lib/engine/public-url";

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
 * Refuses a target by its URL alone: not http(s), or a host that is a private address or name
 * (the classification is lib/engine/public-url's). Null when it may be called. Names that resolve
 * to private addresses are refused when the connection is made (lib/store/ports/http.ts), on the
 * address actually used.
 */
export function checkTarget(raw: string, policy: TargetPolicy = targetPolicy()): string | null {
  const shape = checkUrlShape(raw);
  if (shape) return shape;
  return isAllowedTarget(new URL(raw).hostname.replace(/^\[|\]$/g, ""), policy) ? null : "URL must be public";
}
