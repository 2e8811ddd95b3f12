import { describe, expect, it } from "vitest";
import { parseEmail } from "./email";
import { parseIp } from "./ip";
import { parsePostalCode } from "./postal-code";
import { parseRange } from "./range";
import { parseTrustedFormUrl } from "./trustedform-url";
import { parseUrl } from "./url";

describe("email", () => {
  it("lower-cases, trims and removes internal whitespace", () => {
    expect(parseEmail(" User@Domain.Com ")).toEqual({
      normal: "user@domain.com", raw: " User@Domain.Com ", valid: true,
      user: "user", domain: "domain.com", host: "domain", tld: "com", is_free: false, is_disposable: false,
    });
    expect(parseEmail("p. j. butter@gmail.com").normal).toBe("p.j.butter@gmail.com");
  });
  it("reads the address out of a display-name form", () => {
    expect(parseEmail("Ann Lee <Ann@Example.com>")).toMatchObject({ normal: "ann@example.com", raw: "Ann Lee <Ann@Example.com>", valid: true, user: "ann" });
  });
  it("treats a multi-label public suffix as the TLD", () => {
    expect(parseEmail("x@bbc.co.uk")).toMatchObject({ domain: "bbc.co.uk", host: "bbc", tld: "co.uk" });
    expect(parseEmail("x@mail.bbc.co.uk")).toMatchObject({ host: "mail.bbc", tld: "co.uk" });
    expect(parseEmail("x@mail.example.com")).toMatchObject({ host: "mail.example", tld: "com" });
    expect(parseEmail("x@co.uk").valid).toBe(false);
  });
  it("flags free webmail and disposable domains", () => {
    for (const d of ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com"]) {
      expect(parseEmail(`a@${d}`).is_free, d).toBe(true);
    }
    expect(parseEmail("a@mailinator.com").is_disposable).toBe(true);
    expect(parseEmail("a@guerrillamail.com").is_disposable).toBe(true);
    expect(parseEmail("a@gmail.com").is_disposable).toBe(false);
    expect(parseEmail("a@acme-widgets.com")).toMatchObject({ is_free: false, is_disposable: false });
    expect(parseEmail("a@example.com").is_free).toBe(false);
  });
  it("invalid addresses have no components", () => {
    for (const bad of ["Asdf", "hello@//gmail.xn--om.3ia", "a@b", "@gmail.com", "a@@gmail.com", "a@gmail..com", "a.@gmail.com", ".a@gmail.com", "a@-gmail.com", "a@gmail.c0m"]) {
      const p = parseEmail(bad);
      expect(p.valid, bad).toBe(false);
      expect(p.user, bad).toBeUndefined();
      expect(p.raw).toBe(bad);
    }
  });
  it("accepts the usual address shapes", () => {
    for (const good of ["a+tag@gmail.com", "first.last@sub.domain.io", "o'neil@x.org", "user@xn--bcher-kva.de", "a_b-c@d-e.museum"]) {
      expect(parseEmail(good).valid, good).toBe(true);
    }
  });
});

describe("postal_code", () => {
  const us: Array<[string, string, string | null]> = [
    ["78704", "78704", null],
    ["78704-4224", "78704-4224", "4224"],
    ["787041234", "78704-1234", "1234"],
    ["78704 1234", "78704-1234", "1234"],
    ["78704   - 1234", "78704-1234", "1234"],
    ["  78704  ", "78704", null],
  ];
  for (const [input, normal, four] of us) {
    it(`US ${input}`, () => {
      expect(parsePostalCode(input)).toEqual({ normal, raw: input, valid: true, zip: normal.slice(0, 5), four, country_code: "US" });
    });
  }
  it("CA", () => {
    expect(parsePostalCode("q2e4u7")).toEqual({
      normal: "Q2E 4U7", raw: "q2e4u7", valid: true, fsa: "Q2E", ldu: "4U7", district: "Q", country_code: "CA",
    });
    expect(parsePostalCode("K1A 0B1").normal).toBe("K1A 0B1");
  });
  it("GB", () => {
    expect(parsePostalCode("A11AA")).toEqual({ normal: "A1 1AA", raw: "A11AA", valid: true, outcode: "A1", incode: "1AA", country_code: "GB" });
    expect(parsePostalCode("AA11A 1AA")).toMatchObject({ normal: "AA11A 1AA", outcode: "AA11A", incode: "1AA" });
    expect(parsePostalCode("sw1a 1aa")).toMatchObject({ normal: "SW1A 1AA", outcode: "SW1A", incode: "1AA", country_code: "GB" });
  });
  it("anything else is invalid", () => {
    for (const bad of ["1234", "123456", "7870-41234", "ABCDE", "78704-12345"]) {
      expect(parsePostalCode(bad)).toEqual({ normal: bad, raw: bad, valid: false });
    }
  });
});

describe("range", () => {
  const bounded: Array<[string, string, number, number, number, number]> = [
    ["700 - 749", "700-749", 700, 749, 724.5, 724],
    ["700-749", "700-749", 700, 749, 724.5, 724],
    ["700 to 749", "700-749", 700, 749, 724.5, 724],
    ["1 10", "1-10", 1, 10, 5.5, 5],
    ["$1 to $10", "1-10", 1, 10, 5.5, 5],
    ["$1,000 - $2,500", "1000-2500", 1000, 2500, 1750, 1750],
    ["0830-1645", "830-1645", 830, 1645, 1237.5, 1237],
    ["1 - 2.333", "1-2.333", 1, 2.333, 1.67, 1],
  ];
  for (const [input, normal, min, max, avg, mid] of bounded) {
    it(input, () => expect(parseRange(input)).toEqual({ normal, raw: input, valid: true, min, max, avg, mid }));
  }
  it("open range", () => {
    expect(parseRange("10+")).toEqual({ normal: "10+", raw: "10+", valid: true, min: 10, max: null, avg: null, mid: null });
    expect(parseRange("$100,000 +").normal).toBe("100000+");
  });
  it("single number", () => {
    expect(parseRange("10")).toEqual({ normal: "10", raw: "10", valid: true, min: 10, max: 10, avg: 10, mid: 10 });
    expect(parseRange(10)).toEqual({ normal: "10", raw: 10, valid: true, min: 10, max: 10, avg: 10, mid: 10 });
  });
  it("two ISO dates give epoch-ms bounds", () => {
    const r = parseRange("2024-01-01 to 2024-02-01T00:00:00Z");
    expect(r).toMatchObject({ valid: true, min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 1, 1) });
    expect(parseRange(r.normal)).toMatchObject({ min: r.min, max: r.max });
  });
  it("unparseable is invalid", () => {
    for (const bad of ["abc", "1-2-3", "lots", "", "10 - ", true]) expect(parseRange(bad).valid, String(bad)).toBe(false);
  });
});

describe("url", () => {
  it("canonicalises and splits http(s) URLs", () => {
    expect(parseUrl("https://Example.com:8443/a/b?x=1&y=2#frag")).toEqual({
      normal: "https://example.com:8443/a/b?x=1&y=2#frag", raw: "https://Example.com:8443/a/b?x=1&y=2#frag", valid: true,
      protocol: "https", host: "example.com", port: "8443", path: "/a/b", query: "x=1&y=2", hash: "#frag",
    });
  });
  it("assumes http:// when the scheme is missing", () => {
    expect(parseUrl("www.example.com")).toMatchObject({ normal: "http://www.example.com/", protocol: "http", port: "", query: "", hash: "" });
    expect(parseUrl("example.com:8080/x")).toMatchObject({ host: "example.com", port: "8080", path: "/x" });
  });
  it("rejects other schemes and non-URLs", () => {
    for (const bad of ["ftp://example.com", "mailto:a@b.com", "javascript:alert(1)", "asdf", "http://", "http://exa mple.com", "not a url"]) {
      expect(parseUrl(bad).valid, bad).toBe(false);
    }
  });
  it("accepts IP hosts and localhost", () => {
    expect(parseUrl("http://127.0.0.1:3000/x").valid).toBe(true);
    expect(parseUrl("http://localhost/x").valid).toBe(true);
    expect(parseUrl("http://[::1]/").valid).toBe(true);
  });
});

describe("trustedform_url", () => {
  const id = "a1028cbb41b876744fa752eec276bec0e4c48b33";
  it("validates the format and lower-cases 40-hex ids", () => {
    const raw = `https://cert.trustedform.com/${id.toUpperCase()}`;
    expect(parseTrustedFormUrl(raw)).toEqual({
      normal: `https://cert.trustedform.com/${id}`, raw, valid: true, cert_id: id,
      type: null, is_web: null, is_mobile: null, is_facebook: null, is_masked: null,
      host: "cert.trustedform.com", path: `/${id.toUpperCase()}`,
    });
  });
  it("accepts ping host and non-hex ids", () => {
    const mobile = "0.1JT7QUPI1sOFZxpr72ZK45K0ck75kEBO9H3jNJuX8NkqMTv4UF-zrapBUlsefTP3lkXWh6qM.fF0DNrov0zNUNVRCqDV5dw.E2eYOJ5-dnAgiX02-96FNQ";
    expect(parseTrustedFormUrl(`https://ping.trustedform.com/${mobile}`)).toMatchObject({ valid: true, cert_id: mobile });
  });
  it("drops a query string from the normal", () => {
    expect(parseTrustedFormUrl(`https://cert.trustedform.com/${id}?shared_token=x`).normal).toBe(`https://cert.trustedform.com/${id}`);
  });
  it("rejects http, other hosts and missing ids", () => {
    for (const bad of [`http://cert.trustedform.com/${id}`, `https://evil.com/${id}`, "https://cert.trustedform.com/", `https://cert.trustedform.com/a/${id}`, "asdf"]) {
      expect(parseTrustedFormUrl(bad)).toEqual({ normal: bad, raw: bad, valid: false });
    }
  });
});

describe("ip", () => {
  it("IPv4", () => {
    expect(parseIp("192.0.2.1")).toEqual({ normal: "192.0.2.1", raw: "192.0.2.1", valid: true, is_ipv4: true, ipv6_format: "::ffff:c000:201" });
    expect(parseIp("http://10.0.0.1:8080/path").normal).toBe("10.0.0.1");
    expect(parseIp("0.0.0.0").ipv6_format).toBe("::ffff:0:0");
  });
  it("IPv6 in compressed lower-case form", () => {
    expect(parseIp("2001:0DB8:0000:0000:0000:0000:0000:0001")).toEqual({
      normal: "2001:db8::1", raw: "2001:0DB8:0000:0000:0000:0000:0000:0001", valid: true, is_ipv4: false, ipv6_format: "2001:db8::1",
    });
    expect(parseIp("[::1]").normal).toBe("::1");
    expect(parseIp("http://[fe80::1:0:0:1]:443/").normal).toBe("fe80::1:0:0:1");
    expect(parseIp("1:0:0:2:0:0:0:3").normal).toBe("1:0:0:2::3");
    expect(parseIp("::ffff:192.0.2.1").normal).toBe("::ffff:c000:201");
    expect(parseIp("::").normal).toBe("::");
  });
  it("invalid", () => {
    for (const bad of ["256.1.1.1", "1.2.3", "01.2.3.4", "1::2::3", "12345::", "gggg::1", "1:2:3:4:5:6:7:8:9", "localhost", "1.2.3.4.5"]) {
      expect(parseIp(bad).valid, bad).toBe(false);
    }
  });
});
