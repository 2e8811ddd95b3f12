// "5 minutes ago" for timestamps people compare with now (deployments, last sign-in). date-fns
// does the wording; a time slightly ahead of this browser's clock reads as "just now".
import { formatDistanceStrict } from "date-fns";

export function relativeTime(iso: string | null | undefined, now: Date = new Date()): string | null {
  if (!iso) return null;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  if (now.getTime() - at.getTime() < 45_000) return "just now";
  return formatDistanceStrict(at, now, { addSuffix: true });
}

/** "deployed 5 minutes ago (version 7)", or "not deployed" (spec 07 §2.4 `deployed_at`, `deployed_version`). */
export function deployedText(deployedAt: string | null | undefined, version: number | null | undefined, now?: Date): string {
  if (!version) return "not deployed";
  const when = relativeTime(deployedAt, now);
  return when ? `deployed ${when} (version ${version})` : `deployed (version ${version})`;
}
