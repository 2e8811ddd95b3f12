import { describe, expect, it } from "vitest";
import { classifyIp } from "@/lib/engine/public-url";
import { checkTarget, targetPolicy } from "./ssrf";

describe("SSRF guard", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["::1", "loopback"],
    ["10.0.0.5", "private"],
    ["172.20.1.1", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "private"],
    ["100.64.0.1", "private"],
    ["224.0.0.1", "private"],
    ["fd00::1", "private"],
    ["fe80::1", "private"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.1.2.3", "private"],
    ["::ffff:a01:203", "private"],
    ["8.8.8.8", "public"],
    ["2606:4700::1111", "public"],
    ["not-an-ip", null],
  ])("%s is %s", (address, expected) => {
    expect(classifyIp(address)).toBe(expected);
  });

  it("refuses private targets by URL unless allow-listed (names resolving to private addresses: lib/store/ports/http.test.ts)", () => {
    expect(checkTarget("http://10.0.0.5/x", targetPolicy(""))).toBe("URL must be public");
    expect(checkTarget("http://127.0.0.1:9/x", targetPolicy("127.0.0.1"))).toBeNull();
    expect(checkTarget("http://10.1.2.3/x", targetPolicy("10.0.0.0/8"))).toBeNull();
    expect(checkTarget("http://localhost/x", targetPolicy(""))).toBe("URL must be public");
    expect(checkTarget("http://localhost/x", targetPolicy("localhost"))).toBeNull();
    expect(checkTarget("http://[::ffff:127.0.0.1]/x", targetPolicy(""))).toBe("URL must be public");
    expect(checkTarget("ftp://example.com/x", targetPolicy(""))).toBe("URL must be valid");
    expect(checkTarget("not a url", targetPolicy(""))).toBe("URL must be valid");
  });
});
