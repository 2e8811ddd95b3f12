import { describe, expect, it } from "vitest";
import { ID_PATTERN, newId, newShortId, SHORT_ID_PATTERN } from "./ids";

describe("ids", () => {
  it("are well-formed and do not repeat across pool refills", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const id = newId();
      expect(id).toMatch(ID_PATTERN);
      seen.add(id);
    }
    expect(seen.size).toBe(5000);
    expect(newShortId()).toMatch(SHORT_ID_PATTERN);
  });
});
