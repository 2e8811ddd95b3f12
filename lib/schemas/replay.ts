import { z } from "zod";

/** Body of POST /api/leads/{id}/replay (spec 07 §2.8). */
export const replayBodySchema = z
  .object({
    flow_version: z.union([z.enum(["deployed", "latest"]), z.number().int().positive()]).default("deployed"),
    document: z.record(z.string(), z.unknown()).nullish(),
    timestamp: z.union([z.enum(["now", "original"]), z.iso.datetime()]).default("now"),
    services: z.enum(["skip", "call"]).default("skip"),
  })
  .strict();
export type ReplayBody = z.infer<typeof replayBodySchema>;
