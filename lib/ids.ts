import { randomBytes } from "node:crypto";

/** A 24-hex id with 96 random bits (flows, entities, leads, events: spec 00 §1). */
export function newId(): string {
  return randomBytes(12).toString("hex");
}

const SHORT_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A 6-character short id for objects nested in a flow (steps, rules, mappings, flow sources). */
export function newShortId(): string {
  const bytes = randomBytes(6);
  let out = "";
  for (const b of bytes) out += SHORT_ALPHABET[b % SHORT_ALPHABET.length];
  return out;
}

export const ID_PATTERN = /^[0-9a-f]{24}$/;
export const SHORT_ID_PATTERN = /^[0-9a-zA-Z]{6}$/;
