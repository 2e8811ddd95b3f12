import { describe, expect, it } from "vitest";
import { MASK, maskMappings } from "./mask-exchange";

describe("maskMappings (06 §2.2: secrets never reach the recorded configuration)", () => {
  it("masks secret headers, the basic password, secret-named parameters and URL secrets", () => {
    const masked = maskMappings([
      { property: "url", value: "https://user:pa55word@buyer.example/leads?api_key=abcd1234&campaign=7" },
      { property: "header.Authorization", value: "Bearer abcdef" },
      { property: "header.X-Api-Key", value: "k-123456" },
      { property: "header.Idempotency-Key", value: "{{event_id}}" },
      { property: "header.X-Campaign", value: "solar" },
      { property: "basic_username", value: "acme" },
      { property: "basic_password", value: "s3cret!" },
      { property: "json_property.auth.token", value: "tok-9999" },
      { property: "json_property.first_name", value: "{{lead.first_name}}" },
    ]) as { property: string; value: string }[];
    const byProperty = Object.fromEntries(masked.map((m) => [m.property, m.value]));
    expect(byProperty.url).toBe(`https://user:${MASK}@buyer.example/leads?api_key=${MASK}&campaign=7`);
    expect(byProperty["header.Authorization"]).toBe(MASK);
    expect(byProperty["header.X-Api-Key"]).toBe(MASK);
    expect(byProperty["header.Idempotency-Key"]).toBe("{{event_id}}");
    expect(byProperty["header.X-Campaign"]).toBe("solar");
    expect(byProperty.basic_username).toBe("acme");
    expect(byProperty.basic_password).toBe(MASK);
    expect(byProperty["json_property.auth.token"]).toBe(MASK);
    expect(byProperty["json_property.first_name"]).toBe("{{lead.first_name}}");
  });

  it("leaves anything that is not a mapping list alone", () => {
    expect(maskMappings(null)).toBeNull();
    const odd = [null, { property: "url" }, "x"];
    expect(maskMappings(odd)).toEqual(odd);
  });
});
