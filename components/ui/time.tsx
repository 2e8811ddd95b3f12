"use client";
import { useEffect, useState } from "react";
import { relativeTime } from "./relative-time";

/** The current time, refreshed every `ms` so relative times stay true on a page left open. */
export function useNow(ms = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** A relative time ("5 minutes ago") with the exact local time as its tooltip. */
export function RelativeTime({ iso, fallback = "—", className }: { iso: string | null | undefined; fallback?: string; className?: string }) {
  const now = useNow();
  const text = relativeTime(iso, now);
  if (!iso || !text) return <span className={className}>{fallback}</span>;
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()} className={className}>
      {text}
    </time>
  );
}
