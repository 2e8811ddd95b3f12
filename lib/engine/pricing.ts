// Pricing (04 §3): the purchase price from four layers — source service, source rules, flow
// service, flow rules — the first that yields a price wins; within a rules layer every entry is
// evaluated and the last match wins. Recipient sale prices reuse the rules layer (05 §3.1).

import type { Pricing, PricingService } from "@/lib/schemas/flow";
import type { LeadContext } from "./context";
import { compileLastMatch, isTypedValue, toNumber } from "./deps";
import { compileRules, type RuleOptions } from "./rule-set";
import type { Vars } from "./types";

export interface CompiledPricing {
  override: boolean;
  /** The last matching entry's amount, or undefined when none matches. */
  pick: (vars: Vars) => number | undefined;
  config: Pricing;
}

export interface CompiledPricingService {
  serviceId: string;
  fallbackPrice: number | null;
}

export function compilePricing(p: Pricing | null | undefined, options: RuleOptions): CompiledPricing | null {
  if (!p) return null;
  if (p.override) return { override: true, pick: () => undefined, config: p };
  if (p.prices.length === 0) return null;
  let last: (vars: Vars) => { amount: number } | undefined;
  try {
    last = compileLastMatch(p.prices, { strict: false, fieldNames: options.fieldNames, obsceneWords: options.obsceneWords });
  } catch {
    // A structurally broken entry never matches; the others still do.
    const tests = p.prices.map((e) => compileRules(e.rule_set, options));
    last = (vars) => {
      for (let i = p.prices.length - 1; i >= 0; i--) if (tests[i] === null || tests[i]!(vars) === null) return p.prices[i];
      return undefined;
    };
  }
  return { override: false, pick: (vars) => last(vars)?.amount, config: p };
}

export function compilePricingService(s: PricingService | null | undefined): CompiledPricingService | null {
  return s ? { serviceId: s.service_id, fallbackPrice: s.fallback_price ?? null } : null;
}

/** A submitted `price` (override: true): a valid, non-negative number, else nothing (04 §3.2). */
function submittedPrice(vars: Vars): number | undefined {
  const lead = vars.lead as Record<string, unknown> | undefined;
  let v = lead?.price;
  if (Array.isArray(v)) v = v[0];
  if (v === undefined || v === null) return undefined;
  const n = isTypedValue(v) ? (v.valid ? Number(v.normal) : NaN) : toNumber(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** A rules layer's price, or undefined when it yields none. */
export function rulesLayerPrice(p: CompiledPricing | null, vars: Vars): number | undefined {
  if (!p) return undefined;
  return p.override ? submittedPrice(vars) : p.pick(vars);
}

async function serviceLayerPrice(ctx: LeadContext, s: CompiledPricingService | null): Promise<number | undefined> {
  if (!s) return undefined;
  const port = ctx.ports.pricing;
  let price: number | undefined;
  // Replay without services: treated as not answering, so fallbacks apply (07 §2.8).
  if (port && ctx.options.callServices) {
    const started = ctx.ports.clock.now();
    try {
      const answer = await port.quote(s.serviceId, ctx.vars);
      if ("price" in answer && Number.isFinite(answer.price) && answer.price >= 0) price = answer.price;
    } catch {
      price = undefined;
    } finally {
      ctx.waitMs += Math.max(0, ctx.ports.clock.now() - started);
    }
  }
  return price ?? s.fallbackPrice ?? undefined;
}

/** The purchase price; 0 when no layer yields one. */
export async function purchasePrice(ctx: LeadContext): Promise<number> {
  const src = ctx.source;
  const flow = ctx.flow;
  // Service layers only cost an await when configured (the hot path has none).
  return (
    (src.pricingService ? await serviceLayerPrice(ctx, src.pricingService) : undefined) ??
    rulesLayerPrice(src.pricing, ctx.vars) ??
    (flow.pricingService ? await serviceLayerPrice(ctx, flow.pricingService) : undefined) ??
    rulesLayerPrice(flow.pricing, ctx.vars) ??
    0
  );
}
