// Exact report arithmetic (08 §3.2, §3.3). Prices are stored as Float dollars; reports read each
// one as an integer number of millionths of a dollar ("micros"), so sums are exact integer sums
// and sub-cent prices still add up correctly. Results are rounded once, half-up (away from zero,
// as BigDecimal.HALF_UP), on output: money to cents, rates to 4 decimals.

export const MICROS_PER_DOLLAR = 1_000_000;

/** A stored dollar amount as integer micros (the same rounding the SQL side applies). */
export function toMicros(dollars: number): number {
  return Math.round(dollars * MICROS_PER_DOLLAR);
}

/** round(num / den), halves away from zero, in exact integer arithmetic. */
export function divRound(num: bigint, den: bigint): bigint {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const negative = num < 0n;
  const q = ((negative ? -num : num) * 2n + den) / (2n * den);
  return negative ? -q : q;
}

const big = (n: number) => BigInt(Math.round(n));

/** Micros → dollars rounded to cents. */
export function money(micros: number): number {
  return Number(divRound(big(micros), 10_000n)) / 100;
}

/** (micros / count) in dollars rounded to cents; `null` when the denominator is ≤ 0. */
export function moneyPer(micros: number, count: number): number | null {
  if (!(count > 0)) return null;
  return Number(divRound(big(micros), big(count) * 10_000n)) / 100;
}

/** part / whole rounded to 4 decimals; `null` when the denominator is ≤ 0. */
export function rate(part: number, whole: number): number | null {
  if (!(whole > 0)) return null;
  return Number(divRound(big(part) * 10_000n, big(whole))) / 10_000;
}

/** Median of a distribution `micros → count`, in dollars to cents; `null` when empty. */
export function medianOf(distribution: ReadonlyMap<number, number>): number | null {
  let total = 0;
  for (const n of distribution.values()) total += n;
  if (total === 0) return null;
  const sorted = [...distribution.entries()].sort((a, b) => a[0] - b[0]);
  // 0-based ranks of the middle value(s).
  const lo = Math.floor((total - 1) / 2);
  const hi = Math.floor(total / 2);
  let seen = 0;
  let a: number | null = null;
  let b: number | null = null;
  for (const [value, n] of sorted) {
    if (a === null && lo < seen + n) a = value;
    if (b === null && hi < seen + n) b = value;
    if (a !== null && b !== null) break;
    seen += n;
  }
  return moneyPer(a! + b!, 2);
}
