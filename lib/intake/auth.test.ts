import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey, presentedApiKeys, verifyApiKey } from "@/lib/intake/auth";

describe("source API keys (spec 07 §1.4)", () => {
  it("generates lfs_ + 32 random bytes in base64url", () => {
    const key = generateApiKey();
    expect(key).toMatch(/^lfs_[A-Za-z0-9_-]{43}$/);
    expect(generateApiKey()).not.toBe(key);
  });

  it("hashes with SHA-256 hex", () => {
    expect(hashApiKey("lfs_test")).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("verifies against any of several stored hashes (rotation)", () => {
    const hashes = [hashApiKey("old"), hashApiKey("new")];
    expect(verifyApiKey("old", hashes)).toBe(true);
    expect(verifyApiKey("new", hashes)).toBe(true);
    expect(verifyApiKey("other", hashes)).toBe(false);
    expect(verifyApiKey("", hashes)).toBe(false);
    expect(verifyApiKey("old", [])).toBe(false);
    expect(verifyApiKey("old", ["not-a-hash", hashApiKey("old").toUpperCase()])).toBe(true);
  });

  it("reads Basic (user ignored), Bearer and api_key, in that order", () => {
    expect(presentedApiKeys("Basic QVBJOmxmc190ZXN0")).toEqual(["lfs_test"]);
    expect(presentedApiKeys(`basic ${btoa("anyone:k:with:colons")}`)).toEqual(["k:with:colons"]);
    expect(presentedApiKeys(`Basic ${btoa("justkey")}`)).toEqual(["justkey"]);
    expect(presentedApiKeys("Bearer  lfs_abc ")).toEqual(["lfs_abc"]);
    expect(presentedApiKeys("Bearer lfs_h", ["lfs_q", "", "lfs_b"])).toEqual(["lfs_h", "lfs_q", "lfs_b"]);
    expect(presentedApiKeys("Digest x", ["k"])).toEqual(["k"]);
    expect(presentedApiKeys("Basic", [])).toEqual([]);
    expect(presentedApiKeys(null, [])).toEqual([]);
  });
});
