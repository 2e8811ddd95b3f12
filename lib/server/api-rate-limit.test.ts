import { describe, expect, it } from "vitest";
import { requestCost } from "./api-rate-limit";

describe("requestCost (07 §2.1: replay and reports count 10)", () => {
  it("charges 10 for running reports and replays, 1 for everything else", () => {
    for (const path of ["/api/reports/stats", "/api/reports/volume", "/api/reports/saved/abc/run", "/api/saved-reports/abc/run", "/api/leads/abc/replay", "/api/flows/abc/test"]) {
      expect(requestCost(path), path).toBe(10);
    }
    for (const path of ["/api/reports/saved", "/api/reports/saved/abc", "/api/saved-reports", "/api/leads/abc", "/api/flows/abc", "/api/me"]) {
      expect(requestCost(path), path).toBe(1);
    }
  });
});
