/**
 * Guards applied to every intake request (spec 07 §1.3.7 plus our structural caps).
 *
 * The structural caps exist because a 1 MiB body can hold ~170,000 tiny fields or nesting tens of
 * thousands of levels deep; real leads have tens of fields and a few levels. Every parser stops
 * as soon as a cap is passed, so the work stays linear in the cap, not in the body.
 */
export interface IntakeLimits {
  /** Largest accepted body in bytes (413 beyond). `LEADFLOW_INTAKE_MAX_BYTES` in lib/server config. */
  maxBodyBytes: number;
  /** Longest accepted request target (path + query) in characters (414 beyond). */
  maxUrlLength: number;
  /** Deepest accepted nesting of objects/arrays in the submitted data (400 beyond). */
  maxDepth: number;
  /** Most values (object properties + array elements, at any depth) in the submitted data (400 beyond). */
  maxFields: number;
}

export const DEFAULT_INTAKE_LIMITS: Readonly<IntakeLimits> = Object.freeze({
  maxBodyBytes: 1_048_576,
  maxUrlLength: 16_384,
  maxDepth: 32,
  maxFields: 10_000,
});

export function resolveLimits(overrides?: Partial<IntakeLimits>): IntakeLimits {
  if (!overrides) return DEFAULT_INTAKE_LIMITS;
  return { ...DEFAULT_INTAKE_LIMITS, ...overrides };
}
