// Step processing (05 §1): steps in configured order, one at a time, except parallel groups —
// maximal runs of consecutive enabled recipient steps with `parallel: true` (05 §5.2). Disabled
// steps record nothing. A filter that stops ends the walk.

import type { Step } from "@/lib/schemas/flow";
import type { Decision, LeadContext } from "./context";
import { compileFilterStep, runFilterStep, type CompiledFilterStep } from "./filter-step";
import {
  compileRecipientStep,
  executeRecipient,
  finishRecipient,
  INTERNAL_ERROR,
  prepareRecipient,
  runRecipientStep,
  type CompiledRecipientStep,
} from "./recipient-step";
import type { RuleOptions } from "./rule-set";

export type CompiledStep = CompiledFilterStep | CompiledRecipientStep;

/** A unit of execution: one step, or a parallel group of recipient steps. */
export type StepUnit = { kind: "single"; step: CompiledStep } | { kind: "parallel"; steps: CompiledRecipientStep[] };

export function compileSteps(steps: readonly Step[], options: RuleOptions): { steps: CompiledStep[]; units: StepUnit[] } {
  const compiled = steps.map((s, i) => (s.type === "filter" ? compileFilterStep(s, i, options) : compileRecipientStep(s, i, options)));
  const units: StepUnit[] = [];
  let group: CompiledRecipientStep[] = [];
  const flush = (): void => {
    if (group.length === 1) units.push({ kind: "single", step: group[0] });
    else if (group.length > 1) units.push({ kind: "parallel", steps: group });
    group = [];
  };
  for (const step of compiled) {
    if (!step.enabled) continue; // records no event and does not split a group (05 §5.2 counts enabled steps)
    if (step.type === "recipient" && step.parallel) {
      group.push(step);
      continue;
    }
    flush();
    units.push({ kind: "single", step });
  }
  flush();
  return { steps: compiled, units };
}

async function runParallel(ctx: LeadContext, steps: readonly CompiledRecipientStep[]): Promise<void> {
  // Criteria, caps and prices in order on the vars at group start; members never see each other's results.
  const varsAtStart = ctx.vars;
  const prepared = [];
  for (const step of steps) prepared.push(await prepareRecipient(ctx, step, varsAtStart));
  const executed = await Promise.all(
    prepared.map((p) =>
      executeRecipient(ctx, p).catch(() => ({ ended: { outcome: "error" as const, reason: INTERNAL_ERROR, errorKind: "internal" as const }, waitMs: 0 })),
    ),
  );
  prepared.forEach((p, i) => finishRecipient(ctx, p, executed[i]));
}

/** Runs the steps; returns the decision of the filter that stopped the lead, or null. */
export async function runSteps(ctx: LeadContext): Promise<Decision | null> {
  for (const unit of ctx.flow.stepUnits) {
    if (unit.kind === "parallel") {
      await runParallel(ctx, unit.steps);
      continue;
    }
    const step = unit.step;
    if (step.type === "filter") {
      const decision = runFilterStep(ctx, step);
      if (decision !== null) return decision;
    } else {
      await runRecipientStep(ctx, step);
    }
  }
  return null;
}
