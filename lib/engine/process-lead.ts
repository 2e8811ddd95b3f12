// The orchestrator (00 §2 steps 4–15): pre-processing → business logic (hours, acceptance,
// suppression, pricing, caps) → steps → completion. The first failing gate decides the lead;
// a fault anywhere outside a step's integration code ends it `error`, `Internal error`.

import { checkAcceptance } from "./acceptance-criteria";
import { type CompiledFlow, type CompiledSource, findSource } from "./compile-flow";
import { complete, FLOW_DISABLED_REASON } from "./completion";
import { type Decision, type LeadContext, setVar } from "./context";
import { compileSourceMappings } from "./mappings";
import { isWithinHours, OUTSIDE_HOURS_REASON } from "./hours-of-operation";
import { isoTime } from "./objects";
import { type EngineOptions, resolveOptions } from "./options";
import type { EnginePorts } from "./ports";
import { baseVars, buildLead, maskLead, toEpoch } from "./pre-process";
import { purchasePrice } from "./pricing";
import { runSteps } from "./steps";
import { checkSuppression } from "./suppression";
import type { DecidedBy, LeadInput, LeadOutcome, LeadOutcomeValue } from "./types";
import { reserveLeadCaps } from "./volume-caps";

const DAY = 86_400_000;
const LEASE_MARGIN_MS = 60_000;

function decide(outcome: LeadOutcomeValue, reason: string | null, stage: DecidedBy["stage"], scope: string | null = null): Decision {
  return { outcome, reason, decidedBy: { stage, scope, step_id: null } };
}

/** A source the compiled version does not list (the transport resolved it elsewhere): no per-source settings. */
function bareSource(input: LeadInput): CompiledSource {
  return {
    id: input.source.id,
    entity: input.source.entity,
    moduleId: "leadconduit-default.inbound",
    enabled: true,
    inboundMappings: compileSourceMappings([], { fieldNames: {} }),
    acceptance: null,
    pricing: null,
    pricingService: null,
    caps: [],
    config: { entity: input.source.entity, integration: { module_id: "leadconduit-default.inbound", mappings: [] }, caps: [], enabled: true, authentication_required: false },
  };
}

async function businessLogicAndSteps(ctx: LeadContext): Promise<Decision | null> {
  const { flow, source, ports } = ctx;

  // 8. Purchasing-decision services (replay skips them unless asked).
  if (ports.decisions && ctx.options.callServices) {
    const t0 = ports.clock.now();
    const data = await ports.decisions.run(ctx.input.flowId, ctx.vars);
    ctx.waitMs += Math.max(0, ports.clock.now() - t0);
    if (Object.keys(data).length > 0) setVar(ctx, "appended", { ...(ctx.vars.appended as object), ...data });
  }

  // 9. Hours of operation.
  if (flow.schedule && !isWithinHours(flow.schedule, ctx.submittedAt, ctx.input.account.time_zone)) {
    return decide("failure", OUTSIDE_HOURS_REASON, "hours");
  }

  // 10. Acceptance criteria: flow, then source (stacking, 04 §1).
  for (const [ac, scope] of [[flow.acceptance, "flow"], [source.acceptance, "source"]] as const) {
    if (!ac) continue;
    const r = checkAcceptance(ac, ctx.vars);
    if (r) return decide(r.outcome, r.reason, "acceptance_criteria", scope);
  }

  // 11. Suppression: duplicate, then lists.
  if (flow.suppression) {
    const r = await checkSuppression(ctx, flow.suppression);
    if (r) return decide(r.outcome, r.reason, "suppression", r.scope);
  }

  // 12. Pricing.
  ctx.purchasePrice = await purchasePrice(ctx);
  setVar(ctx, "purchase_price", ctx.purchasePrice);

  // 13. Volume caps: flow, then source, reserved atomically.
  const capRejection = await reserveLeadCaps(ctx);
  if (capRejection) return decide(capRejection.outcome, capRejection.reason, "caps", capRejection.scope);

  // 14. Steps.
  ctx.stepDeadline = ports.clock.now() + ctx.options.stepBudgetMs;
  return runSteps(ctx);
}

/**
 * Processes one lead against a compiled flow version. Never throws for lead-level problems: they
 * end as outcome `error`. The caller writes `LeadOutcome` atomically (06 §1.3) and then answers
 * the source with `response`.
 */
export async function processLead(
  input: LeadInput,
  flow: CompiledFlow,
  ports: EnginePorts,
  options?: EngineOptions,
): Promise<LeadOutcome> {
  const resolved = resolveOptions(options);
  const startedAt = ports.clock.now();
  const submitted = toEpoch(input.submission.timestamp);
  // Outside the Date range an instant cannot be written as ISO text; the receipt time stands in.
  const submittedAt = Number.isFinite(submitted) && Math.abs(submitted) < 8.64e15 - 400 * DAY ? submitted : startedAt;
  const ctx: LeadContext = {
    input,
    flow,
    source: findSource(flow, input.source) ?? bareSource(input),
    ports,
    options: resolved,
    startedAt,
    receivedAt: input.receivedAt ?? submittedAt,
    submittedAt,
    // A missing retention must not make the lead unrecordable: the default 90 days (06 §4) applies.
    expiresAt: isoTime(submittedAt + (Number.isFinite(input.account.retention_days) ? input.account.retention_days : 90) * DAY),
    leaseUntil: startedAt + resolved.stepBudgetMs + LEASE_MARGIN_MS,
    vars: {},
    maskedLead: {},
    events: [],
    purchasePrice: 0,
    decision: null,
    gateCaps: [],
    capReached: false,
    rejectedByCapId: null,
    stepCaps: [],
    duplicate: { checked: false, key: null, is_duplicate: false, days_ago: null, recorded: false },
    duplicateClaim: null,
    suppression: [],
    deliveries: [],
    journalOpened: false,
    stepDeadline: startedAt + resolved.stepBudgetMs,
    waitMs: 0,
  };

  try {
    // 4, 6, 7. Variables, inbound mappings, typed fields (kept even for a disabled flow, so the
    // stored lead shows what was sent).
    const base = baseVars(input, flow, isoTime(submittedAt));
    const randomNumber = input.randomNumber ?? ports.ids.randomInt(1, 100);
    const lead = buildLead(input, flow, ctx.source, base, randomNumber);
    base.lead = lead;
    ctx.vars = base;
    ctx.maskedLead = maskLead(lead, flow.fields);

    // 5. Flow disabled.
    ctx.decision = input.flowEnabled ? await businessLogicAndSteps(ctx) : decide("error", FLOW_DISABLED_REASON, "flow_disabled");
  } catch {
    ctx.decision = decide("error", "Internal error", "engine_error");
  }
  return complete(ctx);
}
