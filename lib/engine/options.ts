// Per-call engine settings with their defaults (05 §1 budget, §5.4 retries, §3.1 targets).

import type { TargetPolicy } from "./public-url";
import { DEFAULT_RETRY_SETTINGS, type RetrySettings } from "./retry-schedule";

export const ENGINE_VERSION = "0.1.0";

/** Treat as immutable: it is resolved once per object (see `resolveOptions`). */
export interface EngineOptions {
  /** Replay (07 §2.8): read-only caps and duplicates, no list writes, no deliveries, no journal. */
  dryRun?: boolean;
  /** Replay only: `true` calls pricing and purchasing-decision services (they may bill). */
  callServices?: boolean;
  /** LEADFLOW_STEP_BUDGET_MS, default 30000. */
  stepBudgetMs?: number;
  retry?: Partial<RetrySettings>;
  /** Private targets (05 §3.1); default: none allowed. */
  targets?: Partial<TargetPolicy>;
  /** `User-Agent` of deliveries; default `Leadflow/<version>`. */
  userAgent?: string;
  /** Event `handler_version`. */
  handlerVersion?: string;
  /** Event `host` (instance name). */
  host?: string | null;
}

export interface ResolvedOptions {
  dryRun: boolean;
  callServices: boolean;
  stepBudgetMs: number;
  retry: RetrySettings;
  targets: TargetPolicy;
  userAgent: string;
  handlerVersion: string;
  host: string | null;
}

const resolved = new WeakMap<EngineOptions, ResolvedOptions>();
const NO_OPTIONS: EngineOptions = {};

/** Resolved once per options object (callers pass the same object lead after lead), so caches keyed on it hold. */
export function resolveOptions(o: EngineOptions | undefined): ResolvedOptions {
  const key = o ?? NO_OPTIONS;
  let r = resolved.get(key);
  if (!r) {
    r = resolve(key);
    resolved.set(key, r);
  }
  return r;
}

function resolve(o: EngineOptions): ResolvedOptions {
  const dryRun = o?.dryRun === true;
  return {
    dryRun,
    callServices: !dryRun || o?.callServices === true,
    stepBudgetMs: o?.stepBudgetMs ?? 30_000,
    retry: { ...DEFAULT_RETRY_SETTINGS, ...o?.retry },
    targets: { allowHosts: o?.targets?.allowHosts ?? [], allowLoopback: o?.targets?.allowLoopback ?? false },
    userAgent: o?.userAgent ?? `Leadflow/${ENGINE_VERSION}`,
    handlerVersion: o?.handlerVersion ?? ENGINE_VERSION,
    host: o?.host ?? null,
  };
}
