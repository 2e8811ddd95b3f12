import { describe, expect, it } from "vitest";
import { outboundUrlProblem } from "./outbound-url";

describe("outboundUrlProblem", () => {
  it.each([
    ["https://buyer.example.com/leads", null],
    ["http://8.8.8.8/x", null],
    ["ftp://buyer.example.com/", "URL must be valid"],
    ["not a url", "URL must be valid"],
    ["https://user:pw@buyer.example.com/", "URL must be valid"],
    ["http://localhost:3000/", "URL must be public"],
    ["http://api.localhost/", "URL must be public"],
    ["http://printer.local/", "URL must be public"],
    ["http://intranet/", "URL must be public"],
    ["http://127.0.0.1/", "URL must be public"],
    ["http://10.0.0.5/x", "URL must be public"],
    ["http://172.20.1.1/", "URL must be public"],
    ["http://192.168.1.1/", "URL must be public"],
    ["http://169.254.169.254/latest/meta-data", "URL must be public"],
    ["http://[::1]/", "URL must be public"],
    ["http://[fd00::1]/", "URL must be public"],
    ["http://[::ffff:10.0.0.1]/", "URL must be public"],
    ["http://[::ffff:8.8.8.8]/", null],
    ["http://0.0.0.0/", "URL must be public"],
  ])("%s → %s", (url, expected) => {
    expect(outboundUrlProblem(url)).toBe(expected);
  });
});
