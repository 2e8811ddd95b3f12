// Request shapes of the flow routes (spec 07 §2.4). The flow document itself is defined once in
// ./flow (flowDocumentSchema); these schemas only wrap it.
import { z } from "zod";
import { flowDocumentSchema } from "./flow";
import { pageQuerySchema, queryBooleanSchema, recordIdSchema, searchTextSchema } from "./common";

export const versionNumberSchema = z.number().int().min(1);

/** POST /api/flows: a document without ids (ids found are kept). */
export const flowCreateBodySchema = flowDocumentSchema;

/**
 * PUT /api/flows/{id}: the whole document plus the version it was based on. Read-only metadata a
 * client echoes back from GET (`deployed_version`, `errors`…) is ignored.
 */
export const flowSaveBodySchema = z.intersection(
  z.object({ version: versionNumberSchema.optional(), message: z.string().max(500).optional() }),
  flowDocumentSchema,
);
export type FlowSaveBody = z.infer<typeof flowSaveBodySchema>;

/** PATCH /api/flows/{id}: record-level settings that are not versioned. */
export const flowPatchBodySchema = z
  .object({
    name: z.string().trim().min(1, "name is required").max(200).optional(),
    enabled: z.boolean().optional(),
  })
  .refine((b) => b.name !== undefined || b.enabled !== undefined, { message: "give name and/or enabled" });
export type FlowPatchBody = z.infer<typeof flowPatchBodySchema>;

export const flowDeployBodySchema = z.object({ version: versionNumberSchema.optional() });
export type FlowDeployBody = z.infer<typeof flowDeployBodySchema>;

export const flowRollbackBodySchema = z.object({ version: versionNumberSchema, deploy: z.boolean().default(true) });
export type FlowRollbackBody = z.infer<typeof flowRollbackBodySchema>;

/** `?deploy=true` on create, save and import. */
export const deployQuerySchema = z.object({ deploy: queryBooleanSchema.default(false) });

/** `?version=latest|deployed|<n>`: which version to read or export. */
export const versionSelectorSchema = z
  .union([z.enum(["latest", "deployed"]), z.string().regex(/^[1-9]\d{0,8}$/, "must be latest, deployed or a version number").transform(Number)])
  .default("latest");
export type VersionSelector = z.infer<typeof versionSelectorSchema>;

export const flowReadQuerySchema = z.object({ version: versionSelectorSchema });

export const flowListQuerySchema = pageQuerySchema.extend({
  enabled: queryBooleanSchema.optional(),
  q: searchTextSchema,
  source_id: recordIdSchema.optional(),
});
export type FlowListQuery = z.infer<typeof flowListQuerySchema>;

export const flowVersionsQuerySchema = pageQuerySchema;

export const flowDiffQuerySchema = z.object({ against: z.string().regex(/^[1-9]\d{0,8}$/).transform(Number).optional() });

/** Export envelope (07 §2.4). `flow` is validated separately so its issues carry `flow.` paths. */
export const flowExportEnvelopeSchema = z.object({
  leadflow_export: z.literal(1),
  exported_at: z.string().optional(),
  source_version: z.number().int().nullish(),
  flow: z.record(z.string(), z.unknown()),
  fields: z
    .array(
      z.object({
        id: z.string().min(1).max(200),
        name: z.string().max(200).default(""),
        type: z.string().min(1),
        description: z.string().max(5000).default(""),
        aggregate: z.boolean().default(false),
      }),
    )
    .default([]),
  entities: z
    .array(z.object({ id: z.string().min(1), name: z.string().max(200).default(""), roles: z.array(z.string()).default([]) }))
    .default([]),
  suppression_lists: z
    .array(z.object({ id: z.string().min(1), name: z.string().max(200).default(""), kind: z.string().default("custom") }))
    .default([]),
  pricing_services: z
    .array(
      z.object({
        id: z.string().min(1),
        name: z.string().max(200).default(""),
        url: z.string().max(2000).default(""),
        timeout_ms: z.number().int().optional(),
      }),
    )
    .default([]),
});
export type FlowExportEnvelope = z.infer<typeof flowExportEnvelopeSchema>;

/** POST /api/flows/import: an export envelope or a bare (LeadConduit) flow object. */
export const flowImportBodySchema = z.record(z.string(), z.unknown());

/** GET /api/flows/{id}/submission-docs: which source (its entity id); optional when the flow has one. */
export const submissionDocsQuerySchema = z.object({ source_id: recordIdSchema.optional() });
