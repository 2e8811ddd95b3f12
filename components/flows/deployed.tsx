"use client";
import { deployedText } from "@/components/ui/relative-time";
import { useNow } from "@/components/ui/time";

/** "deployed 5 minutes ago (version 7)", kept current while the page stays open; exact time on hover. */
export function DeployedText({ at, version, className }: { at: string | null | undefined; version: number | null | undefined; className?: string }) {
  const now = useNow();
  return (
    <span className={className} title={at ? `Deployed ${new Date(at).toLocaleString()}` : undefined}>
      {deployedText(at, version, now)}
    </span>
  );
}
