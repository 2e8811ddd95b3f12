/** `15 Jan 2024, 09:00:00.123` in the given zone (the account's, spec 06 §3). */
export function formatTime(iso: string | undefined | null, timeZone?: string, withDate = true): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", second: "2-digit", fractionalSecondDigits: 3, hour12: false, timeZone };
  if (withDate) Object.assign(opts, { year: "numeric", month: "short", day: "numeric" });
  try {
    return new Intl.DateTimeFormat("en-GB", opts).format(d);
  } catch {
    return d.toISOString();
  }
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function formatMoney(n: unknown): string {
  return typeof n === "number" ? `$${n.toLocaleString(undefined, { minimumFractionDigits: n % 1 ? 2 : 0, maximumFractionDigits: 2 })}` : "—";
}
