import { describe, expect, it } from "vitest";
import { allowList, checkPublicTarget, isPrivateAddress } from "./ssrf";

describe("SSRF guard", () => {
  it.each([
    ["127.0.0.1", true],
    ["10.0.0.5", true],
    ["172.20.1.1", true],
    ["192.168.1.1", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["::1", true],
    ["fd00::1", true],
    ["fe80::1", true],
    ["::ffff:127.0.0.1", true],
    ["::ffff:10.1.2.3", true],
    ["8.8.8.8", false],
    ["2606:4700::1111", false],
    ["not-an-ip", true],
  ])("%s private=%s", (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  it("refuses private literal targets unless allow-listed", async () => {
    expect(await checkPublicTarget("http://10.0.0.5/x", allowList(""))).toBe("URL must be public");
    expect(await checkPublicTarget("http://127.0.0.1:9/x", allowList("127.0.0.1"))).toBeNull();
    expect(await checkPublicTarget("http://10.1.2.3/x", allowList("10.0.0.0/8"))).toBeNull();
    expect(await checkPublicTarget("http://localhost/x", allowList(""))).toBe("URL must be public");
    expect(await checkPublicTarget("http://localhost/x", allowList("localhost"))).toBeNull();
    expect(await checkPublicTarget("ftp://example.com/x", allowList(""))).toBe("URL must be valid");
    expect(await checkPublicTarget("not a url", allowList(""))).toBe("URL must be valid");
  });
});
