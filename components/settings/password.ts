// Initial and reset passwords an admin hands to a person: random, long, and free of characters
// that are easy to misread when read out or copied by hand.
const ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function generatePassword(length = 16): string {
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 55).
  const limit = 256 - (256 % ALPHABET.length);
  let out = "";
  while (out.length < length) {
    const bytes = new Uint8Array(length * 2);
    globalThis.crypto.getRandomValues(bytes);
    for (const b of bytes) if (b < limit && out.length < length) out += ALPHABET[b % ALPHABET.length];
  }
  return out;
}
