// Ids the UI gives to new objects of a flow document. The API keeps ids that are present
// (spec 07 §2.4) and only fills in missing ones, so assigning them here gives every rule, step
// and cap a stable React key and drag-and-drop id from the moment it is created.

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  crypto.getRandomValues(bytes);
  return bytes;
}

/** A 6-character short id (spec 00 §1) for rules, rule sets, steps, mappings, prices, sources. */
export function shortId(): string {
  let out = "";
  for (const b of randomBytes(6)) out += ALPHABET[b % ALPHABET.length];
  return out;
}

/** A 24-hex id (caps keep LeadConduit's long ids, spec 04 §4.1). */
export function objectId(): string {
  return Array.from(randomBytes(12), (b) => b.toString(16).padStart(2, "0")).join("");
}
