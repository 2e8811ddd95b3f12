// Pre-processing (00 §2 steps 4, 6, 7): the base variables, the source's inbound mappings, and
// the flow's fields — kept when listed, blank dropped, parsed by type (01 §3).

import type { CompiledFlow, CompiledSource } from "./compile-flow";
import { isMaskable, mask, parseField } from "./deps";
import { applySourceMappings } from "./mappings";
import { extend } from "./objects";
import type { LeadInput, Vars } from "./types";

export interface CompiledField {
  id: string;
  type: string;
  maskable: boolean;
  /** Path segments for dotted ids (`mortgage.loan.amount`), read from nested submitted data. */
  path: string[] | null;
}

export function compileFields(
  ids: readonly string[],
  typeOf: (id: string) => string | undefined,
): CompiledField[] {
  return ids.map((id) => {
    const type = typeOf(id) ?? "string";
    return { id, type, maskable: isMaskable(type), path: id.includes(".") ? id.split(".") : null };
  });
}

function readSubmitted(submitted: Readonly<Record<string, unknown>>, field: CompiledField): unknown {
  if (Object.hasOwn(submitted, field.id)) return submitted[field.id];
  if (field.path === null) return undefined;
  let v: unknown = submitted;
  for (const seg of field.path) {
    if (v === null || typeof v !== "object" || !Object.hasOwn(v, seg)) return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

/** `lead.*` fields from the (mapped) submitted data: listed fields only, blank dropped, typed (01 §3). */
export function parseLeadFields(fields: readonly CompiledField[], submitted: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = readSubmitted(submitted, f);
    if (raw === undefined) continue;
    // Data from outside could forge a typed value; it is re-parsed from its raw (01 §3).
    const value = parseField(f.type, raw, { reparseTyped: true });
    if (value !== undefined) out[f.id] = value;
  }
  return out;
}

/** The masked form of the lead for snapshots; the same object when nothing is maskable. */
export function maskLead(lead: Record<string, unknown>, fields: readonly CompiledField[]): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const f of fields) {
    if (!f.maskable || !Object.hasOwn(lead, f.id)) continue;
    out ??= { ...lead };
    out[f.id] = mask(f.type, lead[f.id]);
  }
  return out ?? lead;
}

export function toEpoch(t: string | number): number {
  return typeof t === "number" ? t : Date.parse(t);
}

/** Base variables (03 §1): `lead` (a placeholder until step 7), submission, account, flow, source, appended. */
export function baseVars(input: LeadInput, flow: CompiledFlow, submittedIso: string): Record<string, unknown> {
  const submission = extend(input.submission, { timestamp: submittedIso, ip: input.submission.ip ?? null });
  return {
    lead: {},
    submission,
    account: { id: input.account.id, name: input.account.name, sso_id: input.account.sso_id ?? null },
    flow: { id: input.flowId, name: input.flowName ?? flow.name },
    // `source.ip_address` aliases `submission.ip` (03 §1, the seed uses it).
    source: { id: input.source.entity.id, name: input.source.entity.name, ip_address: input.submission.ip ?? null },
    appended: {},
  };
}

/** Steps 6–7: inbound mappings over the submitted data, then the typed `lead`. */
export function buildLead(
  input: LeadInput,
  flow: CompiledFlow,
  source: CompiledSource,
  base: Vars,
  randomNumber: number,
): Record<string, unknown> {
  // Inbound context: the submitted data at the top level plus submission/source/flow/account (03 §3.1).
  const data = applySourceMappings(source.inboundMappings, input.submitted, {
    submission: base.submission,
    source: base.source,
    flow: base.flow,
    account: base.account,
  });
  // `id` and `random_number` are built-in; a field of the same name cannot replace them.
  const lead = parseLeadFields(flow.fields, data);
  lead.id = input.leadId;
  lead.random_number = randomNumber;
  return lead;
}
