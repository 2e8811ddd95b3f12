// Save-time SSRF check for URLs Leadflow will call (recipient steps, pricing services; spec 05
// §3.1, 07 §2.10b). Synchronous: it judges the URL text only. Delivery must check again after
// DNS resolution, since a public name can point at a private address.
import { isIP } from "node:net";
import { isAllowedTarget } from "@/lib/engine/public-url";
import { targetPolicy } from "@/lib/server/ssrf";
import { config } from "@/lib/server/config";

// Names that only resolve inside a network are refused at save time already; DNS is checked again
// when the request is sent (lib/server/ssrf.ts).
const LOCAL_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

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
  const policy = targetPolicy(config().LEADFLOW_DELIVERY_ALLOW_HOSTS);
  if (!isAllowedTarget(host, policy)) return "URL must be public";
  if (policy.allowHosts.some((h) => h.toLowerCase() === host) || isIP(host)) return null;
  return LOCAL_NAMES.test(host) || !host.includes(".") ? "URL must be public" : null;
}
