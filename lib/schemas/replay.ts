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

/**
 * Body of POST /api/flows/{id}/test: a lead that was never submitted (pasted or filled in the UI),
 * run like a replay against the deployed, latest or a draft version of the flow.
 */
export const testLeadBodySchema = z
  .object({
    flow_version: z.union([z.enum(["deployed", "latest"]), z.number().int().positive()]).default("latest"),
    document: z.record(z.string(), z.unknown()).nullish(),
    timestamp: z.union([z.enum(["now"]), z.iso.datetime()]).default("now"),
    services: z.enum(["skip", "call"]).default("skip"),
    source_id: z.string().regex(/^[0-9a-f]{24}$/, "must be a source entity id"),
    submitted: z.record(z.string(), z.unknown()),
  })
  .strict();
export type TestLeadBody = z.infer<typeof testLeadBodySchema>;
