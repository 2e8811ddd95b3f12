import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { availableHashAlgorithms, hashText, md4, whirlpool, HASH_ALGORITHMS } from "./hash";

// Node's OpenSSL 3 build has no MD4 or Whirlpool, so these are checked against published vectors.
describe("md4 (RFC 1320 test suite)", () => {
  const vectors: [string, string][] = [
    ["", "31d6cfe0d16ae931b73c59d7e0c089c0"],
    ["a", "bde52cb31de33e46245e05fbdbd6fb24"],
    ["abc", "a448017aaf21d8525fc10ae87aa6729d"],
    ["message digest", "d9130a8164549fe818874806e1c7014b"],
    ["abcdefghijklmnopqrstuvwxyz", "d79e1c308aa5bbcdeea8ed63df412da9"],
    ["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "043f8582f241db351ce627e153e7f0e4"],
    ["12345678901234567890123456789012345678901234567890123456789012345678901234567890", "e33b4ddc9c38f2199c3e7b164fcc0536"],
  ];
  for (const [input, hex] of vectors) {
    it(JSON.stringify(input), () => expect(md4(Buffer.from(input)).toString("hex")).toBe(hex));
  }
});

describe("whirlpool (ISO/IEC 10118-3 / NESSIE vectors)", () => {
  const vectors: [string, string][] = [
    ["", "19FA61D75522A4669B44E39C1D2E1726C530232130D407F89AFEE0964997F7A73E83BE698B288FEBCF88E3E03C4F0757EA8964E59B63D93708B138CC42A66EB3"],
    ["a", "8ACA2602792AEC6F11A67206531FB7D7F0DFF59413145E6973C45001D0087B42D11BC645413AEFF63A42391A39145A591A92200D560195E53B478584FDAE231A"],
    ["abc", "4E2448A4C6F486BB16B6562C73B4020BF3043E3A731BCE721AE1B303D97E6D4C7181EEBDB6C57E277D0E34957114CBD6C797FC9D95D8B582D225292076D4EEF5"],
    ["The quick brown fox jumps over the lazy dog", "B97DE512E91E3828B40D2B0FDCE9CEB3C4A71F9BEA8D88E75C4FA854DF36725FD2B52EB6544EDCACD6F8BEDDFEA403CB55AE31F03AD62A5EF54E42EE82C3FB35"],
    ["12345678901234567890123456789012345678901234567890123456789012345678901234567890", "466EF18BABB0154D25B9D38A6414F5C08784372BCCB204D6549C4AFADB6014294D5BD8DF2A6C44E538CD047B2681A51A2C60481E88C5A20B2C2A80CF3A9A083B"],
  ];
  for (const [input, hex] of vectors) {
    it(JSON.stringify(input), () => expect(whirlpool(Buffer.from(input)).toString("hex")).toBe(hex.toLowerCase()));
  }
});

describe("hashText", () => {
  it("all ten algorithms are available", () => {
    expect(availableHashAlgorithms()).toEqual([...HASH_ALGORITHMS]);
  });
  it("hashes UTF-8 and encodes hex, base64, latin1", () => {
    expect(hashText("md5", "é")).toBe(createHash("md5").update(Buffer.from("é", "utf8")).digest("hex"));
    expect(hashText("md4", "abc", "base64")).toBe(Buffer.from("a448017aaf21d8525fc10ae87aa6729d", "hex").toString("base64"));
    expect(hashText("whirlpool", "abc", "latin1")).toHaveLength(64);
  });
});
