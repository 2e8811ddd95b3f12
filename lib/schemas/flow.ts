// The flow document (API.md §3; spec 00 §3, 04, 05, 06 §5.2): the one definition shared by the
// admin API, export/import, stored versions and the UI. Structure is checked by zod; rule sets get
// their semantic checks from lib/rules (unknown operators, missing rhv, bad templates/regexes) in
// one document-level pass so every issue carries its full path (`steps.2.rule_set.rules.0.op`).

import { z } from "zod";
import { ID_PATTERN, SHORT_ID_PATTERN, newId, newShortId } from "@/lib/ids";
import { validateRuleSet, type Rule, type RuleSet } from "@/lib/rules";
import { parseProperty } from "@/lib/mappings";
import { compileTemplate } from "@/lib/templates";

// ---------------------------------------------------------------------------------------------
// Small pieces

const shortId = z.string().regex(SHORT_ID_PATTERN, "must be a 6-character alphanumeric id");
const objectId = z.string().regex(ID_PATTERN, "must be a 24-character hexadecimal id");
/** Caps carry LeadConduit's 24-hex ids (spec 04 §4.1); short ids are accepted too. */
const capId = z.string().regex(/^(?:[0-9a-f]{24}|[0-9a-zA-Z]{6})$/, "must be a 24-hex or 6-character id");

/** USD amount (spec 04 §3.1): 0 allowed, negatives refused, at most 1,000,000. */
export const amountSchema = z
  .number()
  .refine(Number.isFinite, "must be a finite number")
  .min(0, "must not be negative")
  .max(1_000_000, "must be at most 1000000");

const outcomeSchema = z.enum(["success", "failure", "error"]);
/** A template string (spec 03 §2); compiled in the document pass. */
const templateText = z.string().max(10_000);

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
const timeZoneSchema = z.string().refine(isValidTimeZone, "must be an IANA time zone (e.g. America/Chicago)");

// ---------------------------------------------------------------------------------------------
// Rules (spec 02 §1). Only the structure is checked here; lib/rules judges the meaning.

const rhvSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]);

/** Spec 02 §1: an element of `rules` is a rule set when it has a `rules` array (same test as lib/rules). */
function looksLikeRuleSet(x: unknown): boolean {
  if (typeof x !== "object" || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  if (Array.isArray(o.rules)) return true;
  if (Object.hasOwn(o, "lhv")) return false;
  return Object.hasOwn(o, "rules") || o.op === "and" || o.op === "or";
}

export const ruleSchema: z.ZodType<Rule> = z.object({
  id: shortId.nullish(),
  lhv: z.string(),
  // Any string: unknown operators are reported by lib/rules with the operator-specific message.
  op: z.string(),
  rhv: rhvSchema.nullish(),
  get rule_set() {
    return ruleSetSchema.nullish();
  },
}) as unknown as z.ZodType<Rule>;

/** A rule or a nested rule set, dispatched the way lib/rules reads them so errors point inside the element. */
const ruleNodeSchema: z.ZodType<Rule | RuleSet> = z.unknown().transform((value, ctx) => {
  const schema = looksLikeRuleSet(value) ? ruleSetSchema : ruleSchema;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    ctx.addIssue({ code: "custom", message: issue.message, path: issue.path, input: value });
  }
  return z.NEVER;
}) as unknown as z.ZodType<Rule | RuleSet>;

export const ruleSetSchema: z.ZodType<RuleSet> = z.object({
  id: shortId.nullish(),
  op: z.enum(["and", "or"]),
  get rules() {
    return z.array(ruleNodeSchema).max(500);
  },
}) as unknown as z.ZodType<RuleSet>;

// ---------------------------------------------------------------------------------------------
// Mappings and integrations (spec 03 §3, 05 §3)

export const mappingSchema = z.object({
  id: shortId.optional(),
  property: z.string().trim().min(1, "property is required").max(500),
  value: z.union([z.string().max(100_000), z.number(), z.null(), z.array(z.string())]),
  rule_set: ruleSetSchema.nullish(),
});
export type Mapping = z.infer<typeof mappingSchema>;

export const integrationSchema = z.object({
  module_id: z.string().trim().min(1, "module_id is required").max(200),
  mappings: z.array(mappingSchema).max(1000).default([]),
});

const entityRefSchema = z.object({ id: objectId, name: z.string().max(200).default("") });

// ---------------------------------------------------------------------------------------------
// Business logic (spec 04)

export const acceptanceCriteriaSchema = z.object({
  rule_set: ruleSetSchema.nullish(),
  outcome: outcomeSchema.default("failure"),
  reason: templateText.nullish(),
});

const lookbackSchema = z.object({
  value: z.number().int().min(1).max(100_000),
  interval: z.enum(["year", "month", "week", "day", "hour", "minute"]),
});

export const suppressionSchema = z.object({
  duplicate: z
    .object({
      enabled: z.boolean().default(true),
      fields: z.array(z.string().min(1)).min(1, "at least one field is required"),
      match: z.enum(["all", "any"]).default("all"),
      lookback: lookbackSchema.nullable().default(null),
      scope: z.enum(["flow", "account"]).default("flow"),
      reason: templateText.nullish(),
    })
    .nullish(),
  lists: z
    .array(
      z.object({
        id: shortId.optional(),
        kind: z.enum(["dnc", "customer", "custom"]),
        list_ids: z.array(z.string().min(1)).min(1, "at least one list is required"),
        fields: z.array(z.string().min(1)).min(1, "at least one field is required"),
        lookback: lookbackSchema.nullish(),
        reason: templateText.nullish(),
      }),
    )
    .default([]),
});

export const priceSchema = z.object({
  id: shortId.optional(),
  amount: amountSchema,
  rule_set: ruleSetSchema.nullish(),
});

export const pricingSchema = z
  .object({
    override: z.boolean().default(false),
    prices: z.array(priceSchema).max(1000).default([]),
  })
  .refine((p) => !p.override || p.prices.length === 0, {
    message: "prices must be empty when override is true (the source supplies the price)",
    path: ["prices"],
  });

export const pricingServiceSchema = z.object({
  service_id: z.string().min(1, "service_id is required"),
  fallback_price: amountSchema.nullable().default(null),
});

export interface Cap {
  id?: string;
  type: "volume";
  name?: string;
  description?: string;
  maximum?: number | null;
  maximum_percent?: number | null;
  duration: number;
  duration_units: "minute" | "hour" | "day" | "week" | "month";
  time_zone?: string | null;
  window: "calendar" | "rolling";
  rule_set?: RuleSet | null;
  reason?: string | null;
  caps: Cap[];
}

export const capSchema: z.ZodType<Cap> = z
  .object({
    id: capId.optional(),
    type: z.literal("volume").default("volume"),
    name: z.string().max(200).optional(),
    description: z.string().max(2000).optional(),
    maximum: z.number().int().min(0).max(1_000_000_000).nullish(),
    maximum_percent: z.number().min(0).max(100).nullish(),
    duration: z.number().int().min(1).max(1000).default(1),
    duration_units: z.enum(["minute", "hour", "day", "week", "month"]),
    time_zone: timeZoneSchema.nullish(),
    window: z.enum(["calendar", "rolling"]).default("calendar"),
    rule_set: ruleSetSchema.nullish(),
    reason: templateText.nullish(),
    get caps() {
      return z.array(capSchema).max(100).default([]);
    },
  })
  .refine((c) => (c.maximum ?? null) !== null || (c.maximum_percent ?? null) !== null, {
    message: "either maximum or maximum_percent is required",
    path: ["maximum"],
  })
  .refine((c) => (c.maximum ?? null) === null || (c.maximum_percent ?? null) === null, {
    message: "give maximum or maximum_percent, not both",
    path: ["maximum_percent"],
  }) as unknown as z.ZodType<Cap>;

const CLOCK_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const clockTime = z.string().regex(CLOCK_TIME, "must be HH:MM (00:00–24:00)");
const periodSchema = z
  .object({ start: clockTime, end: clockTime })
  // Only compared once both are well-formed, so one typo gives one issue.
  .refine((p) => !CLOCK_TIME.test(p.start) || !CLOCK_TIME.test(p.end) || p.start < p.end, {
    message: "start must be before end",
    path: ["end"],
  });
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

export const scheduleSchema = z.object({
  enabled: z.boolean().default(true),
  time_zone: timeZoneSchema.nullish(),
  days: z.partialRecord(z.enum(WEEKDAYS), z.array(periodSchema).max(48)).default({}),
});

// ---------------------------------------------------------------------------------------------
// Feedback (spec 06 §5.2)

export const stepFeedbackSchema = z.object({
  return: z
    .object({
      enabled: z.boolean().default(false),
      max_lead_age_days: z.number().int().min(1).max(3650).nullish(),
      rule_set: ruleSetSchema.nullish(),
    })
    .optional(),
  conversion: z.object({ enabled: z.boolean().default(false), rule_set: ruleSetSchema.nullish() }).optional(),
});

const sourceFeedbackTypeSchema = z.object({
  enabled: z.boolean().default(false),
  rule_set: ruleSetSchema.nullish(),
  integration: integrationSchema.nullish(),
});

/** LeadConduit's single `{rule_set, integration}` form is read as the same settings for both types (06 §5.2). */
export const sourceFeedbackSchema = z.preprocess(
  (v) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    if ("return" in o || "conversion" in o || !("integration" in o || "rule_set" in o)) return v;
    const both = { enabled: true, rule_set: o.rule_set ?? null, integration: o.integration ?? null };
    return { return: both, conversion: both };
  },
  z.object({ return: sourceFeedbackTypeSchema.optional(), conversion: sourceFeedbackTypeSchema.optional() }),
);

// ---------------------------------------------------------------------------------------------
// Sources and steps

export const flowSourceSchema = z.object({
  id: shortId.optional(),
  entity: entityRefSchema,
  integration: integrationSchema.default({ module_id: "leadconduit-default.inbound", mappings: [] }),
  acceptance_criteria: acceptanceCriteriaSchema.nullish(),
  pricing: pricingSchema.nullish(),
  pricing_service: pricingServiceSchema.nullish(),
  caps: z.array(capSchema).max(100).default([]),
  feedback: sourceFeedbackSchema.nullish(),
  enabled: z.boolean().default(true),
  authentication_required: z.boolean().default(false),
});

export const filterStepSchema = z.object({
  type: z.literal("filter"),
  id: shortId.optional(),
  description: z.string().max(500).optional(),
  notes: z.string().max(5000).optional(),
  rule_set: ruleSetSchema.nullish(),
  /** A template (05 §2): `{{acme_crm.outcome}}` repeats an earlier step's outcome. */
  outcome: templateText.default("failure"),
  reason: templateText.nullish(),
  enabled: z.boolean().default(true),
});

export const recipientStepSchema = z.object({
  type: z.literal("recipient"),
  id: shortId.optional(),
  description: z.string().max(500).optional(),
  notes: z.string().max(5000).optional(),
  entity: entityRefSchema.nullish(),
  integration: integrationSchema,
  rule_set: ruleSetSchema.nullish(),
  caps: z.array(capSchema).max(100).default([]),
  pricing: pricingSchema.nullish(),
  feedback: stepFeedbackSchema.nullish(),
  enabled: z.boolean().default(true),
  /** Undefined = the default of 05 §5.4 (true for deliveries and notifications). */
  retry_enabled: z.boolean().optional(),
  parallel: z.boolean().default(false),
  purpose: z.enum(["enhancement", "delivery", "notification"]).optional(),
});

export const stepSchema = z.discriminatedUnion("type", [filterStepSchema, recipientStepSchema]);

// ---------------------------------------------------------------------------------------------
// The document

const baseFlowDocumentSchema = z.object({
  id: objectId.optional(),
  name: z.string().trim().min(1, "name is required").max(200),
  description: z.string().max(5000).optional(),
  enabled: z.boolean().default(true),
  fields: z.array(z.string().min(1).max(200)).max(2000).default([]),
  acceptance_criteria: acceptanceCriteriaSchema.nullish(),
  suppression: suppressionSchema.nullish(),
  pricing: pricingSchema.nullish(),
  pricing_service: pricingServiceSchema.nullish(),
  caps: z.array(capSchema).max(100).default([]),
  schedule: scheduleSchema.nullish(),
  sources: z.array(flowSourceSchema).max(1000).default([]),
  steps: z.array(stepSchema).max(500).default([]),
  // Pings are accepted, stored and ignored in v1 (07 §1.8).
  ping_enabled: z.boolean().default(false),
  ping_limits: z.array(z.unknown()).default([]),
});

export type FilterStep = z.infer<typeof filterStepSchema>;
export type RecipientStep = z.infer<typeof recipientStepSchema>;
export type Step = z.infer<typeof stepSchema>;
export type FlowSource = z.infer<typeof flowSourceSchema>;
export type StepFeedback = z.infer<typeof stepFeedbackSchema>;
export type SourceFeedback = z.infer<typeof sourceFeedbackSchema>;
export type AcceptanceCriteria = z.infer<typeof acceptanceCriteriaSchema>;
export type Suppression = z.infer<typeof suppressionSchema>;
export type Pricing = z.infer<typeof pricingSchema>;
export type PricingService = z.infer<typeof pricingServiceSchema>;
export type Schedule = z.infer<typeof scheduleSchema>;
export type FlowDocument = z.infer<typeof baseFlowDocumentSchema>;

type Path = Array<string | number>;
type AddIssue = (path: Path, message: string) => void;

function toPath(dotted: string): Path {
  return dotted === "" ? [] : dotted.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function checkRuleSet(ruleSet: unknown, path: Path, add: AddIssue): void {
  if (ruleSet === null || ruleSet === undefined) return;
  for (const issue of validateRuleSet(ruleSet, { pathPrefix: path.join(".") })) add(toPath(issue.path), issue.message);
}

function checkTemplate(src: unknown, path: Path, add: AddIssue): void {
  if (typeof src !== "string" || !src.includes("{{")) return;
  try {
    compileTemplate(src);
  } catch (err) {
    add(path, `template does not compile: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** `/body/flags` or plain text used as a pattern (05 §4.1); an invalid one is refused at save. */
function checkSearchRegex(src: unknown, path: Path, add: AddIssue): void {
  if (typeof src !== "string" || src.includes("{{")) return;
  const t = src.trim();
  const m = /^\/(.*)\/([a-z]*)$/s.exec(t);
  try {
    if (m) new RegExp(m[1], m[2]);
    else new RegExp(t);
  } catch {
    add(path, "must be a valid regular expression");
  }
}

function checkMappings(mappings: readonly Mapping[], path: Path, add: AddIssue): void {
  mappings.forEach((m, i) => {
    const at = [...path, i];
    try {
      parseProperty(m.property);
    } catch (err) {
      add([...at, "property"], err instanceof Error ? err.message : "invalid property");
    }
    checkRuleSet(m.rule_set, [...at, "rule_set"], add);
    const values = Array.isArray(m.value) ? m.value : [m.value];
    values.forEach((v) => checkTemplate(v, [...at, "value"], add));
    // Only the search term is always a regex; the other response paths are paths for JSON/XML/HTML.
    if (m.property === "outcome_search_term") checkSearchRegex(m.value, [...at, "value"], add);
  });
}

function checkCaps(caps: readonly Cap[], path: Path, add: AddIssue, ids: Map<string, string>, nested: boolean): void {
  caps.forEach((cap, i) => {
    const at = [...path, i];
    if (!nested && (cap.maximum_percent ?? null) !== null && (cap.maximum ?? null) === null) {
      add([...at, "maximum_percent"], "maximum_percent is only allowed on nested caps");
    }
    if (cap.id !== undefined) {
      const seen = ids.get(cap.id);
      if (seen !== undefined) add([...at, "id"], `duplicate cap id (also at ${seen})`);
      else ids.set(cap.id, at.join("."));
    }
    checkRuleSet(cap.rule_set, [...at, "rule_set"], add);
    checkTemplate(cap.reason, [...at, "reason"], add);
    checkCaps(cap.caps ?? [], [...at, "caps"], add, ids, true);
  });
}

function checkPricing(pricing: Pricing | null | undefined, path: Path, add: AddIssue): void {
  pricing?.prices.forEach((p, i) => checkRuleSet(p.rule_set, [...path, "prices", i, "rule_set"], add));
}

function checkAcceptance(ac: AcceptanceCriteria | null | undefined, path: Path, add: AddIssue): void {
  if (!ac) return;
  checkRuleSet(ac.rule_set, [...path, "rule_set"], add);
  checkTemplate(ac.reason, [...path, "reason"], add);
}

/** Everything the structure cannot say: rule semantics, templates, regexes, unique ids. */
function checkDocument(doc: FlowDocument, add: AddIssue): void {
  checkAcceptance(doc.acceptance_criteria, ["acceptance_criteria"], add);
  checkPricing(doc.pricing, ["pricing"], add);
  const capIds = new Map<string, string>();
  checkCaps(doc.caps, ["caps"], add, capIds, false);

  const dup = doc.suppression?.duplicate;
  if (dup) checkTemplate(dup.reason, ["suppression", "duplicate", "reason"], add);
  doc.suppression?.lists.forEach((l, i) => checkTemplate(l.reason, ["suppression", "lists", i, "reason"], add));

  const fieldsSeen = new Set<string>();
  doc.fields.forEach((f, i) => {
    if (fieldsSeen.has(f)) add(["fields", i], `duplicate field "${f}"`);
    fieldsSeen.add(f);
  });

  const sourceIds = new Set<string>();
  const entityIds = new Set<string>();
  doc.sources.forEach((s, i) => {
    const at: Path = ["sources", i];
    if (s.id !== undefined) {
      if (sourceIds.has(s.id)) add([...at, "id"], "duplicate source id");
      sourceIds.add(s.id);
    }
    // The intake URL names the source entity, so one entity can appear only once (07 §1.1).
    if (entityIds.has(s.entity.id)) add([...at, "entity", "id"], "this entity is already a source of the flow");
    entityIds.add(s.entity.id);
    checkMappings(s.integration.mappings, [...at, "integration", "mappings"], add);
    checkAcceptance(s.acceptance_criteria, [...at, "acceptance_criteria"], add);
    checkPricing(s.pricing, [...at, "pricing"], add);
    checkCaps(s.caps, [...at, "caps"], add, capIds, false);
    for (const type of ["return", "conversion"] as const) {
      const fb = s.feedback?.[type];
      if (!fb) continue;
      checkRuleSet(fb.rule_set, [...at, "feedback", type, "rule_set"], add);
      if (fb.integration) checkMappings(fb.integration.mappings, [...at, "feedback", type, "integration", "mappings"], add);
    }
  });

  const stepIds = new Set<string>();
  doc.steps.forEach((step, i) => {
    const at: Path = ["steps", i];
    if (step.id !== undefined) {
      if (stepIds.has(step.id)) add([...at, "id"], "duplicate step id");
      stepIds.add(step.id);
    }
    checkRuleSet(step.rule_set, [...at, "rule_set"], add);
    if (step.type === "filter") {
      checkTemplate(step.outcome, [...at, "outcome"], add);
      checkTemplate(step.reason, [...at, "reason"], add);
      return;
    }
    checkMappings(step.integration.mappings, [...at, "integration", "mappings"], add);
    checkCaps(step.caps, [...at, "caps"], add, capIds, false);
    checkPricing(step.pricing, [...at, "pricing"], add);
    checkRuleSet(step.feedback?.return?.rule_set, [...at, "feedback", "return", "rule_set"], add);
    checkRuleSet(step.feedback?.conversion?.rule_set, [...at, "feedback", "conversion", "rule_set"], add);
  });
}

export const flowDocumentSchema = baseFlowDocumentSchema.superRefine((doc, ctx) => {
  checkDocument(doc as FlowDocument, (path, message) => ctx.addIssue({ code: "custom", path, message }));
});

// ---------------------------------------------------------------------------------------------
// Normalization

function withShortId<T extends { id?: string | null }>(x: T): T {
  return x.id ? x : { ...x, id: newShortId() };
}

function normalizeRuleNode(node: Rule | RuleSet): Rule | RuleSet {
  if ("rules" in node && Array.isArray(node.rules)) return normalizeRuleSet(node as RuleSet) as RuleSet;
  const rule = withShortId(node as Rule);
  return rule.rule_set ? { ...rule, rule_set: normalizeRuleSet(rule.rule_set) } : rule;
}

function normalizeRuleSet(rs: RuleSet | null | undefined): RuleSet | null | undefined {
  if (!rs) return rs;
  return { ...withShortId(rs), rules: rs.rules.map(normalizeRuleNode) };
}

function normalizeMappings(ms: readonly Mapping[]): Mapping[] {
  return ms.map((m) => ({ ...withShortId(m), rule_set: normalizeRuleSet(m.rule_set) ?? m.rule_set }));
}

function normalizePricing(p: Pricing | null | undefined): Pricing | null | undefined {
  if (!p) return p;
  return { ...p, prices: p.prices.map((e) => ({ ...withShortId(e), rule_set: normalizeRuleSet(e.rule_set) ?? e.rule_set })) };
}

/** Numbers caps depth-first within one owner for default names (04 §4.7 "… - Cap <n>"). */
function normalizeCaps(caps: readonly Cap[], owner: string, counter = { n: 0 }): Cap[] {
  // Caps keep LeadConduit's 24-hex ids (04 §4.1); counters are keyed by them.
  return caps.map((c) => {
    counter.n += 1;
    const name = c.name?.trim() ? c.name : `${owner} - Cap ${counter.n}`;
    return {
      ...c,
      id: c.id || newId(),
      name,
      rule_set: normalizeRuleSet(c.rule_set) ?? c.rule_set,
      caps: normalizeCaps(c.caps ?? [], owner, counter),
    };
  });
}

function normalizeAcceptance(ac: AcceptanceCriteria | null | undefined): AcceptanceCriteria | null | undefined {
  return ac ? { ...ac, rule_set: normalizeRuleSet(ac.rule_set) ?? ac.rule_set } : ac;
}

/**
 * Assigns the ids a saved document must carry: short ids (6 chars) to sources, steps, rules, rule
 * sets, mappings, price entries and suppression list entries; 24-hex ids to caps, and unnamed caps
 * the default name of 04 §4.7 (`Solar: Vendor A Source - Cap 1`). Ids and names present are kept. Pure: returns a new document. Call it on the output of `flowDocumentSchema`.
 */
export function normalizeFlowDocument(doc: FlowDocument): FlowDocument {
  return {
    ...doc,
    acceptance_criteria: normalizeAcceptance(doc.acceptance_criteria),
    suppression: doc.suppression
      ? { ...doc.suppression, lists: doc.suppression.lists.map((l) => withShortId(l)) }
      : doc.suppression,
    pricing: normalizePricing(doc.pricing),
    caps: normalizeCaps(doc.caps, `${doc.name}: Flow`),
    sources: doc.sources.map((s) => ({
      ...withShortId(s),
      integration: { ...s.integration, mappings: normalizeMappings(s.integration.mappings) },
      acceptance_criteria: normalizeAcceptance(s.acceptance_criteria),
      pricing: normalizePricing(s.pricing),
      caps: normalizeCaps(s.caps, `${doc.name}: ${s.entity.name || "Source"} Source`),
    })),
    steps: doc.steps.map((step): Step => {
      const base = { ...withShortId(step), rule_set: normalizeRuleSet(step.rule_set) ?? step.rule_set };
      if (base.type === "filter") return base;
      return {
        ...base,
        integration: { ...base.integration, mappings: normalizeMappings(base.integration.mappings) },
        caps: normalizeCaps(base.caps, `${doc.name}: ${base.description || base.entity?.name || base.id} Step`),
        pricing: normalizePricing(base.pricing),
      };
    }),
  };
}
