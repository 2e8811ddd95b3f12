/**
 * Hash helpers (spec 03 §2.2): md4 md5 ripemd ripemd160 sha1 sha224 sha256 sha384 sha512 whirlpool.
 * node:crypto does the work where its OpenSSL provides the algorithm. OpenSSL 3 moved MD4 and
 * Whirlpool to the "legacy" provider, which Node does not load, so both are implemented here from
 * their specifications (RFC 1320; Barreto & Rijmen, ISO/IEC 10118-3:2004) and checked against the
 * published test vectors in hash.test.ts.
 *
 * node:crypto is taken with process.getBuiltinModule rather than imported: the flow schema compiles
 * templates (never renders them) in the browser too, where no bundler can provide node:crypto and
 * no digest is needed. There the Node algorithms are simply unavailable.
 */
type NodeCrypto = typeof import("node:crypto");
const nodeCrypto: NodeCrypto | undefined =
  typeof process !== "undefined" && typeof process.getBuiltinModule === "function" ? process.getBuiltinModule("node:crypto") : undefined;

export const HASH_ALGORITHMS = [
  "md4", "md5", "ripemd", "ripemd160", "sha1", "sha224", "sha256", "sha384", "sha512", "whirlpool",
] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

export const HASH_ENCODINGS = ["hex", "base64", "latin1"] as const;
export type HashEncoding = (typeof HASH_ENCODINGS)[number];

// ---------------------------------------------------------------------------------------------
// MD4 (RFC 1320)

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

export function md4(data: Uint8Array): Buffer {
  const bitLen = data.length * 8;
  const padded = new Uint8Array((((data.length + 8) >> 6) + 1) << 6);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, bitLen >>> 0, true);
  view.setUint32(padded.length - 4, Math.floor(bitLen / 2 ** 32), true);

  let a = 0x67452301, b = 0xefcdab89, c = 0x98badcfe, d = 0x10325476;
  const x = new Array<number>(16);
  const f = (p: number, q: number, r: number) => (p & q) | (~p & r);
  const g = (p: number, q: number, r: number) => (p & q) | (p & r) | (q & r);
  const h = (p: number, q: number, r: number) => p ^ q ^ r;
  const R2 = [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15];
  const R3 = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15];
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) x[i] = view.getUint32(off + i * 4, true);
    const aa = a, bb = b, cc = c, dd = d;
    const s1 = [3, 7, 11, 19], s2 = [3, 5, 9, 13], s3 = [3, 9, 11, 15];
    for (let i = 0; i < 16; i++) {
      const k = i, s = s1[i % 4];
      const t = rotl((a + f(b, c, d) + x[k]) | 0, s);
      a = d; d = c; c = b; b = t;
    }
    for (let i = 0; i < 16; i++) {
      const k = R2[i], s = s2[i % 4];
      const t = rotl((a + g(b, c, d) + x[k] + 0x5a827999) | 0, s);
      a = d; d = c; c = b; b = t;
    }
    for (let i = 0; i < 16; i++) {
      const k = R3[i], s = s3[i % 4];
      const t = rotl((a + h(b, c, d) + x[k] + 0x6ed9eba1) | 0, s);
      a = d; d = c; c = b; b = t;
    }
    a = (a + aa) | 0; b = (b + bb) | 0; c = (c + cc) | 0; d = (d + dd) | 0;
  }
  const out = Buffer.alloc(16);
  out.writeInt32LE(a, 0);
  out.writeInt32LE(b, 4);
  out.writeInt32LE(c, 8);
  out.writeInt32LE(d, 12);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Whirlpool (final 2003 version)

let whirlpoolTables: { sbox: Uint8Array; mul: Uint8Array[]; rc: Uint8Array[] } | null = null;

function gfMul(a: number, b: number): number {
  let r = 0;
  while (b) {
    if (b & 1) r ^= a;
    a <<= 1;
    if (a & 0x100) a ^= 0x11d; // x^8 + x^4 + x^3 + x^2 + 1
    b >>= 1;
  }
  return r;
}

function initWhirlpool() {
  // The S-box is built from the 4-bit mini-boxes E, E^-1 and R of the design paper.
  const E = [0x1, 0xb, 0x9, 0xc, 0xd, 0x6, 0xf, 0x3, 0xe, 0x8, 0x7, 0x4, 0xa, 0x2, 0x5, 0x0];
  const R = [0x7, 0xc, 0xb, 0xd, 0xe, 0x4, 0x9, 0xf, 0x6, 0x3, 0x8, 0xa, 0x2, 0x5, 0x1, 0x0];
  const Einv = new Array<number>(16);
  for (let i = 0; i < 16; i++) Einv[E[i]] = i;
  const sbox = new Uint8Array(256);
  for (let u = 0; u < 256; u++) {
    const a = E[u >> 4], b = Einv[u & 15];
    const r = R[a ^ b];
    sbox[u] = (E[a ^ r] << 4) | Einv[b ^ r];
  }
  // Row i of the diffusion matrix is cir(1, 1, 4, 1, 8, 5, 2, 9) rotated; keep a product table per coefficient.
  const coeff = [1, 1, 4, 1, 8, 5, 2, 9];
  const mul = coeff.map((cf) => {
    const t = new Uint8Array(256);
    for (let x = 0; x < 256; x++) t[x] = gfMul(x, cf);
    return t;
  });
  const rc: Uint8Array[] = [];
  for (let r = 1; r <= 10; r++) {
    const k = new Uint8Array(64);
    for (let j = 0; j < 8; j++) k[j] = sbox[8 * (r - 1) + j];
    rc.push(k);
  }
  whirlpoolTables = { sbox, mul, rc };
  return whirlpoolTables;
}

/** One round ρ[k]: γ (S-box), π (shift column j down by j), θ (circulant MDS), σ (xor k). */
function whirlpoolRound(state: Uint8Array, key: Uint8Array, t: NonNullable<typeof whirlpoolTables>): Uint8Array<ArrayBuffer> {
  const shifted = new Uint8Array(64);
  for (let i = 0; i < 8; i++) {
    for (let j = 0; j < 8; j++) shifted[((i + j) & 7) * 8 + j] = t.sbox[state[i * 8 + j]];
  }
  const out = new Uint8Array(64);
  for (let i = 0; i < 8; i++) {
    for (let j = 0; j < 8; j++) {
      let v = 0;
      for (let k = 0; k < 8; k++) v ^= t.mul[(j - k + 8) & 7][shifted[i * 8 + k]];
      out[i * 8 + j] = v ^ key[i * 8 + j];
    }
  }
  return out;
}

export function whirlpool(data: Uint8Array): Buffer {
  const t = whirlpoolTables ?? initWhirlpool();
  // Padding: a 1 bit, zeros to 256 mod 512 bits, then the 256-bit big-endian bit length.
  const len = data.length;
  const total = Math.ceil((len + 1 + 32) / 64) * 64;
  const padded = new Uint8Array(total);
  padded.set(data);
  padded[len] = 0x80;
  let bits = BigInt(len) * 8n;
  for (let i = total - 1; i >= total - 32 && bits > 0n; i--) {
    padded[i] = Number(bits & 0xffn);
    bits >>= 8n;
  }
  let hash: Uint8Array<ArrayBuffer> = new Uint8Array(64);
  for (let off = 0; off < total; off += 64) {
    const block = padded.subarray(off, off + 64);
    let key = hash;
    let state = new Uint8Array(64);
    for (let i = 0; i < 64; i++) state[i] = block[i] ^ key[i];
    for (let r = 0; r < 10; r++) {
      key = whirlpoolRound(key, t.rc[r], t);
      state = whirlpoolRound(state, key, t);
    }
    const next = new Uint8Array(64);
    for (let i = 0; i < 64; i++) next[i] = state[i] ^ hash[i] ^ block[i];
    hash = next;
  }
  return Buffer.from(hash);
}

// ---------------------------------------------------------------------------------------------

const nodeHashes = new Set((nodeCrypto?.getHashes() ?? []).map((h) => h.toLowerCase()));

function nodeSupports(alg: string): boolean {
  if (!nodeCrypto || !nodeHashes.has(alg)) return false;
  try {
    nodeCrypto.createHash(alg).update("").digest();
    return true;
  } catch {
    return false;
  }
}

type Digest = (data: Buffer) => Buffer;
const DIGESTS = new Map<HashAlgorithm, Digest>();
for (const alg of HASH_ALGORITHMS) {
  const nodeName = alg === "ripemd" ? "ripemd160" : alg;
  if (nodeSupports(nodeName)) DIGESTS.set(alg, (d) => nodeCrypto!.createHash(nodeName).update(d).digest());
  else if (alg === "md4") DIGESTS.set(alg, md4);
  else if (alg === "whirlpool") DIGESTS.set(alg, whirlpool);
}

/** Algorithms usable on this runtime (all ten on Node 20+ with OpenSSL 3, which ships RIPEMD-160). */
export function availableHashAlgorithms(): HashAlgorithm[] {
  return HASH_ALGORITHMS.filter((a) => DIGESTS.has(a));
}

/** Digest of the UTF-8 bytes of `text`. Throws when the runtime lacks the algorithm. */
export function hashText(alg: HashAlgorithm, text: string, encoding: HashEncoding = "hex"): string {
  const digest = DIGESTS.get(alg);
  if (!digest) throw new Error(`Hash algorithm ${alg} is not available in this Node.js build`);
  return digest(Buffer.from(text, "utf8")).toString(encoding);
}
