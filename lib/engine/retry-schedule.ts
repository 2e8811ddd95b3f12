// The outbox's retry policy (05 §5.4): which results are retried, when the next attempt is due,
// and how a delivery's status follows from an attempt. Pure, so the intake path, the retry worker
// and the tests share one definition.

import type { DeliveryStatus, StepOutcome } from "./types";

export interface RetrySettings {
  /** Attempts in all, the first included (LEADFLOW_RETRY_MAX_ATTEMPTS, default 10). */
  maxAttempts: number;
  /** LEADFLOW_RETRY_BASE_SECONDS, default 30. */
  baseSeconds: number;
  /** LEADFLOW_RETRY_CAP_SECONDS, default 3600; also caps Retry-After. */
  capSeconds: number;
  /** LEADFLOW_RETRY_JITTER: ± fraction, default 0.2 (0 in tests). */
  jitter: number;
}

export const DEFAULT_RETRY_SETTINGS: RetrySettings = Object.freeze({
  maxAttempts: 10,
  baseSeconds: 30,
  capSeconds: 3600,
  jitter: 0.2,
});

/**
 * When retry `n` (1 = the second attempt) is due: `min(base × 2^(n−1), cap)` seconds after the
 * previous attempt ended, × (1 ± jitter), and not before a `Retry-After` (itself capped).
 * `random` is in [0, 1).
 */
export function nextAttemptAt(
  retry: number,
  previousEndedAt: number,
  settings: RetrySettings = DEFAULT_RETRY_SETTINGS,
  retryAfterSeconds: number | null = null,
  random: () => number = Math.random,
): number {
  const backoff = Math.min(settings.baseSeconds * 2 ** (retry - 1), settings.capSeconds);
  const factor = settings.jitter > 0 ? 1 + settings.jitter * (2 * random() - 1) : 1;
  let delay = backoff * factor;
  if (retryAfterSeconds !== null && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0) {
    delay = Math.max(delay, Math.min(retryAfterSeconds, settings.capSeconds));
  }
  return previousEndedAt + Math.round(delay * 1000);
}

/** `Retry-After` as seconds: delta-seconds or an HTTP date (relative to `now`). */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  const t = v.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const at = Date.parse(t);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - now) / 1000));
}

/** Why an attempt ended `error` (only the first three are transient, 05 §5.4). */
export type ErrorKind = "transport" | "server" | "throttled" | "budget" | "validation" | "internal" | "business";

export function isRetryableError(kind: ErrorKind | null): boolean {
  return kind === "transport" || kind === "server" || kind === "throttled" || kind === "budget";
}

export type StepPurpose = "enhancement" | "delivery" | "notification";

/** 05 §3: enhancements are never retried; `retry_enabled` defaults to true for the others. */
export function retryEnabledFor(purpose: StepPurpose, retryEnabled: boolean | undefined): boolean {
  return purpose !== "enhancement" && retryEnabled !== false;
}

export interface AttemptResult {
  outcome: StepOutcome;
  reason: string | null;
  errorKind: ErrorKind | null;
  /** 1 for the first request. */
  attempt: number;
  endedAt: number;
  retryAfterSeconds?: number | null;
  /** Whether a request went out at all (local steps, skips and validation errors send nothing). */
  sent: boolean;
}

export interface DeliveryDecision {
  status: DeliveryStatus;
  nextAttemptAt: number | null;
  /** The outcome/reason the recipient event ends with when the delivery is over. */
  outcome: StepOutcome;
  reason: string | null;
  /** True when this attempt ends the delivery (retry event `retry_status: completed`). */
  final: boolean;
}

/**
 * The outbox decision for one attempt (05 §5.4): retry transient errors of retry-enabled
 * deliveries until `maxAttempts`, with the last error reported as exhausted.
 */
export function decideDelivery(
  result: AttemptResult,
  retryEnabled: boolean,
  settings: RetrySettings = DEFAULT_RETRY_SETTINGS,
  random: () => number = Math.random,
): DeliveryDecision {
  const done = (status: DeliveryStatus, reason = result.reason): DeliveryDecision => ({
    status,
    nextAttemptAt: null,
    outcome: result.outcome,
    reason,
    final: true,
  });
  const retryable = result.outcome === "error" && retryEnabled && isRetryableError(result.errorKind);
  // Nothing went out (local steps, skips, validation errors): no delivery, unless the budget held a request back.
  if (!result.sent && result.attempt <= 1 && !retryable) return done("none");
  switch (result.outcome) {
    case "success":
      return done("delivered");
    case "failure":
      return done("rejected");
    case "skip":
      return done(result.attempt > 1 ? "skipped" : "none");
  }
  if (!retryable) return done("failed");
  if (result.attempt >= settings.maxAttempts) {
    return done("exhausted", `Retries exhausted after ${result.attempt} attempts: ${result.reason ?? "error"}`);
  }
  return {
    status: "retrying",
    nextAttemptAt: nextAttemptAt(result.attempt, result.endedAt, settings, result.retryAfterSeconds ?? null, random),
    outcome: result.outcome,
    reason: result.reason,
    final: false,
  };
}
