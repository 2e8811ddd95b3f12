// Account settings (spec 00 §1): time zone, retention, the custom-field suffix (01 §1).
import { z } from "zod";

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const accountUpdateBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    time_zone: z.string().trim().refine(isTimeZone, "must be an IANA time zone (e.g. America/Chicago)").optional(),
    retention_days: z.number().int().min(7).max(3650).optional(), // 06 §4
    /** 3–5 lower-case letters or digits, set once (01 §1). */
    field_suffix: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9]{3,5}$/, "must be 3 to 5 letters or digits")
      .optional(),
    obscenity_words: z.array(z.string().trim().min(1).max(100)).max(10_000).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "change at least one setting" });
export type AccountUpdateBody = z.infer<typeof accountUpdateBodySchema>;
