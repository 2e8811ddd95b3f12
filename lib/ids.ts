// Ids for records and for objects nested in a flow. Browser-safe: the flow schema (and so the
// editor's validation before a save) imports this module, so it uses the Web Crypto
// `getRandomValues` that Node 20 and every browser provide instead of node:crypto.

// Ids are drawn from a pooled random buffer: one getRandomValues call per 341 ids instead of one
// per id, which matters on the intake path that makes several ids per lead.
const POOL_SIZE = 4092;
const pool = new Uint8Array(POOL_SIZE);
let offset = POOL_SIZE;

function take(n: number): Uint8Array {
  if (offset + n > POOL_SIZE) {
    globalThis.crypto.getRandomValues(pool);
    offset = 0;
  }
  // A copy: the pool is refilled in place later.
  const out = pool.slice(offset, offset + n);
  offset += n;
  return out;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/** A 24-hex id with 96 random bits (flows, entities, leads, events: spec 00 §1). */
export function newId(): string {
  let out = "";
  for (const b of take(12)) out += HEX[b];
  return out;
}

const SHORT_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A 6-character short id for objects nested in a flow (steps, rules, mappings, flow sources). */
export function newShortId(): string {
  let out = "";
  for (const b of take(6)) out += SHORT_ALPHABET[b % SHORT_ALPHABET.length];
  return out;
}

export const ID_PATTERN = /^[0-9a-f]{24}$/;
export const SHORT_ID_PATTERN = /^[0-9a-zA-Z]{6}$/;
