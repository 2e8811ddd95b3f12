/**
 * Media-type matching for intake (spec 07 §1.3.1, §1.5.2): LeadConduit runs the classic
 * "mimeparse" best match of its four supported types against both the `Accept` header (response
 * type) and the `Content-Type` header (body parser), so the same function serves both.
 */

/** The candidates, in LeadConduit's order. */
export const INTAKE_MEDIA_TYPES = [
  "application/x-www-form-urlencoded",
  "application/json",
  "application/xml",
  "text/xml",
] as const;

export type IntakeMediaType = (typeof INTAKE_MEDIA_TYPES)[number];

interface MediaRange {
  type: string;
  subtype: string;
  params: Record<string, string>;
  q: number;
}

function parseRange(text: string): MediaRange {
  const parts = text.split(";");
  let full = parts[0].trim().toLowerCase();
  // mimeparse reads a bare "*" as "*/*".
  if (full === "*") full = "*/*";
  const slash = full.indexOf("/");
  const type = (slash < 0 ? full : full.slice(0, slash)).trim();
  const subtype = slash < 0 ? "" : full.slice(slash + 1).trim();
  const params: Record<string, string> = {};
  for (let i = 1; i < parts.length; i++) {
    const eq = parts[i].indexOf("=");
    if (eq < 0) continue;
    params[parts[i].slice(0, eq).trim().toLowerCase()] = parts[i].slice(eq + 1).trim();
  }
  // A missing, non-numeric or out-of-range q counts as 1, as mimeparse does.
  const rawQ = params.q;
  const parsedQ = rawQ === undefined || rawQ === "" ? NaN : Number(rawQ);
  const q = Number.isNaN(parsedQ) || parsedQ < 0 || parsedQ > 1 ? 1 : parsedQ;
  return { type, subtype, params, q };
}

/** Fitness of one candidate against the ranges: the most specific matching range and its q. */
function fitnessAndQuality(candidate: MediaRange, ranges: MediaRange[]): [number, number] {
  let bestFitness = -1;
  let bestQ = 0;
  for (const r of ranges) {
    const typeMatch = r.type === candidate.type || r.type === "*" || candidate.type === "*";
    const subtypeMatch = r.subtype === candidate.subtype || r.subtype === "*" || candidate.subtype === "*";
    if (!typeMatch || !subtypeMatch) continue;
    let fitness = r.type === candidate.type ? 100 : 0;
    fitness += r.subtype === candidate.subtype ? 10 : 0;
    for (const key in candidate.params) {
      if (key !== "q" && r.params[key] === candidate.params[key]) fitness += 1;
    }
    if (fitness > bestFitness) {
      bestFitness = fitness;
      bestQ = r.q;
    }
  }
  return [bestFitness, bestQ];
}

const CANDIDATES = INTAKE_MEDIA_TYPES.map((t) => ({ name: t, range: parseRange(t) }));

/**
 * mimeparse best match over the four intake types. Highest fitness wins, then highest q; a full
 * tie goes to the alphabetically last type (the library sorts plain strings). Returns null when
 * nothing matches or the winner's q is 0. Media types are compared case-insensitively (decision).
 */
export function bestMatch(header: string): IntakeMediaType | null {
  const ranges = header.split(",").map(parseRange);
  let winner: IntakeMediaType | null = null;
  let winnerFitness = -1;
  let winnerQ = 0;
  for (const c of CANDIDATES) {
    const [fitness, q] = fitnessAndQuality(c.range, ranges);
    if (
      winner === null ||
      fitness > winnerFitness ||
      (fitness === winnerFitness && (q > winnerQ || (q === winnerQ && c.name > winner)))
    ) {
      winner = c.name;
      winnerFitness = fitness;
      winnerQ = q;
    }
  }
  return winner !== null && winnerFitness >= 0 && winnerQ > 0 ? winner : null;
}

// Clients send the same few headers over and over; memoise a bounded number of answers.
const CACHE_LIMIT = 512;
const acceptCache = new Map<string, IntakeMediaType | null>();
const contentTypeCache = new Map<string, IntakeMediaType | null>();

function cached(cache: Map<string, IntakeMediaType | null>, key: string): IntakeMediaType | null {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = bestMatch(key);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * The response media type for an `Accept` header (spec 07 §1.5.2): absent, empty or exactly
 * `*` `/` `*` → JSON; otherwise best match; null → 406.
 */
export function negotiateResponseType(accept: string | null): IntakeMediaType | null {
  const header = accept === null ? "" : accept.trim();
  if (header === "" || header === "*/*") return "application/json";
  return cached(acceptCache, header);
}

/**
 * The body parser for a `Content-Type` header (spec 07 §1.3.1): exactly `*` `/` `*` is JSON
 * (ap-code); otherwise best match. null → 406. The caller handles a missing header (415).
 */
export function bodyMediaType(contentType: string): IntakeMediaType | null {
  const header = contentType.trim();
  if (header === "*/*") return "application/json";
  return cached(contentTypeCache, header);
}

/** The `charset` parameter of a Content-Type header, lower-cased and unquoted, or null. */
export function charsetOf(contentType: string | null): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
  return m ? m[2].toLowerCase() : null;
}
