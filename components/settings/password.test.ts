import { describe, expect, it } from "vitest";
import { passwordSchema } from "@/lib/schemas/user";
import { generatePassword } from "./password";

describe("generatePassword", () => {
  it("makes passwords the API accepts, from unambiguous characters, never the same twice", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
      expect(passwordSchema.safeParse(p).success).toBe(true);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
    expect(generatePassword(24)).toHaveLength(24);
  });
});
