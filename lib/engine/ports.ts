// The engine's only doors to the outside world (ARCHITECTURE "ports, not containers"). Each port
// is small and says what must be atomic; lib/store implements them on SQLite/PostgreSQL,
// memory-ports.ts in memory (tests, benchmark, replay). Times are epoch milliseconds.

import type { CapPeriodRequest } from "./cap-period";
import type { Vars } from "./types";

export interface Clock {
  now(): number;
}

export interface Ids {
  /** 24-hex id with ≥ 96 random bits (events: it is the feedback credential, 06 §2.1). */
  newId(): string;
  /** Uniform integer in [min, max] (`lead.random_number`, retry jitter). */
  randomInt(min: number, max: number): number;
}

// ---------------------------------------------------------------------------------------------
// Duplicate history (04 §2)

export interface DuplicateClaimRequest {
  /** Flow id for `scope: "flow"`, `"account"` for account scope. */
  scope: string;
  /** One composite key (`match: "all"`) or one key per non-blank field (`match: "any"`). */
  keys: readonly string[];
  /** Entries older than this do not count; `null` = forever. */
  since: number | null;
  leadId: string;
  now: number;
}

export interface DuplicateClaimResult {
  duplicate: boolean;
  /** The key that matched. */
  key: string | null;
  /** Time of the matched success entry; `null` when only an in-flight claim matched. */
  lastSeenAt: number | null;
  /** True when the match is a key held by another lead still in flight. */
  inFlight: boolean;
}

export interface DuplicateIndex {
  /**
   * Atomic over all `keys`: a key counts as seen when its history entry is newer than `since`,
   * or when another lead holds it in flight (lease not expired). When none is seen, every key is
   * marked in flight for `leadId` until `leaseUntil`; when one is seen, nothing is written.
   * Completion records (success) or releases the claim (`DuplicateSettlement`).
   */
  claim(request: DuplicateClaimRequest & { leaseUntil: number }): Promise<DuplicateClaimResult>;
  /** Read-only (replay, 07 §2.8): same answer, writes nothing, ignores entries of `leadId` itself. */
  peek(request: DuplicateClaimRequest): Promise<DuplicateClaimResult>;
}

// ---------------------------------------------------------------------------------------------
// Suppression lists (04 §2 gate, 05 §6 in-flow steps). Values arrive normalized (trimmed, lower-case).

export interface ListMatch {
  listId: string;
  listName: string;
  value: string;
  addedAt: number;
}

export interface ListRef {
  id: string;
  name: string;
}

export interface SuppressionLists {
  /** First item of any of `listIds` equal to any of `values` and added at or after `since`; items past their `expires_at` never match. */
  findInLists(listIds: readonly string[], values: readonly string[], since: number | null, now: number): Promise<ListMatch | null>;
  /** Lists by id or URL name (lower-cased, spaces → `_`, other non-word characters removed). */
  resolveLists(refs: readonly string[]): Promise<{ lists: ListRef[]; missing: string[] }>;
  /** Which of the lists hold `value`, and the newest `added_at` among them. */
  query(listIds: readonly string[], value: string, now: number): Promise<{ foundIn: ListRef[]; addedAt: number | null }>;
  /** Adds (or refreshes) the values; blank values are rejected. Applies at once, never undone. */
  add(listId: string, values: readonly string[], now: number): Promise<{ accepted: number; rejected: number }>;
  remove(listId: string, values: readonly string[]): Promise<{ deleted: number; rejected: number }>;
  /**
   * Atomic check-and-add for `is_unique` (05 §6): of two concurrent calls with one value, exactly
   * one gets `added: true`. `addedAt` is the existing item's time when it was already present.
   */
  addIfAbsent(listId: string, value: string, now: number): Promise<{ added: boolean; addedAt: number | null }>;
}

// ---------------------------------------------------------------------------------------------
// Volume cap counters (04 §4)

export interface CapRequest {
  /** `<flowId>:<capId>`: counters survive new flow versions while the cap id stays. */
  capKey: string;
  capId: string;
  /** Effective maximum, percentages already resolved (04 §4.5). */
  maximum: number;
  /** What the store needs to pick the counter's period: see `resolveCapPeriod` in cap-period.ts. */
  period: CapPeriodRequest;
}

export interface CapReservation {
  capKey: string;
  capId: string;
  /** The period key the reservation was taken in (`resolveCapPeriod(...).period`). */
  period: string;
}

export interface CapHold {
  leadId: string;
  now: number;
  /** A dead process cannot hold capacity past this (06 §1.2: step budget + 60 s). */
  leaseUntil: number;
}

export type CapReserveResult =
  | { ok: true; reservations: CapReservation[] }
  | { ok: false; fullIndex: number };

export interface CapCounters {
  /**
   * All-or-nothing across every request, in order: for each, resolve its period
   * (`resolveCapPeriod`), then full when `count + reserved ≥ maximum` (rolling: successes in the
   * window + reserved). The first full one refuses the lot: its `failed_count` is incremented,
   * nothing is reserved, `fullIndex` names it. Otherwise one reservation per request is taken.
   * Check and reservation must be atomic per counter (concurrent leads). Commit/release happen
   * in the completion transaction (`CapSettlement`).
   */
  reserve(requests: readonly CapRequest[], hold: CapHold): Promise<CapReserveResult>;
  /** Read-only (replay): the index of the first full cap, or null. Writes nothing. */
  check(requests: readonly CapRequest[], now: number): Promise<{ fullIndex: number | null }>;
}

// ---------------------------------------------------------------------------------------------
// Outbound HTTP (05 §3–§5)

export interface OutboundRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  followRedirects: boolean;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  /** Lower-case names; `set-cookie` may repeat. */
  headers: Record<string, string | string[]>;
  /** Decoded text, cut at 1 MiB (05 §5.1). */
  body: string;
  truncated?: boolean;
  version?: string;
}

export type SendResult =
  | { ok: true; response: HttpResponse; startedAt: number; endedAt: number }
  | {
      ok: false;
      /** `timeout` (no complete answer in time), `connection` (DNS, refused, TLS…), `refused` (target not public after DNS). */
      error: "timeout" | "connection" | "refused";
      code?: string;
      message?: string;
      startedAt: number;
      endedAt: number;
    };

export interface OutboundHttp {
  /** Never throws for network problems: they are results. `timeoutMs` covers connect, send and the whole answer. */
  send(request: OutboundRequest, timeoutMs: number): Promise<SendResult>;
}

// ---------------------------------------------------------------------------------------------
// Pricing services (04 §3.2) and purchasing-decision services (00 §2 step 8)

export interface PricingServices {
  /**
   * POST the vars to the account-level service `serviceId` and read `{"price": n}`. Any problem
   * (unknown service, time-out, HTTP error, missing/invalid/negative price) is `{error}`: the
   * engine then applies the layer's `fallback_price` or falls through.
   */
  quote(serviceId: string, vars: Vars): Promise<{ price: number; reason?: string | null } | { error: string }>;
}

export interface PurchasingDecisions {
  /** Runs the flow's configured services concurrently; the result is merged into `appended` by key. */
  run(flowId: string, vars: Vars): Promise<Record<string, unknown>>;
}

// ---------------------------------------------------------------------------------------------
// Delivery journal (05 §5.5): crash safety around outbound calls

export interface LeadJournalEntry {
  leadId: string;
  flowId: string;
  flowVersion: number;
  sourceId: string;
  flowSourceId: string;
  submittedAt: number;
  startedAt: number;
  leaseUntil: number;
  /** Enough to record the lead as `Processing interrupted` (recovery.ts): masked vars and held resources. */
  context: {
    vars: Vars;
    capReservations: CapReservation[];
    duplicate: { scope: string; keys: string[] } | null;
  };
}

export interface DeliveryIntent {
  /** = recipient event id = Idempotency-Key. */
  id: string;
  leadId: string;
  stepId: string;
  flowId: string;
  attempt: number;
  /** The exact request (secrets in clear: it is what a person may resend). */
  request: OutboundRequest;
  startedAt: number;
}

export interface DeliveryJournal {
  /** One insert before the lead's first outbound request. */
  openLead(entry: LeadJournalEntry): Promise<void>;
  /** One insert (status `sending`) before every outbound request. */
  recordIntent(intent: DeliveryIntent): Promise<void>;
}

/** Everything `processLead` may touch. Optional ports degrade as documented on each. */
export interface EnginePorts {
  clock: Clock;
  ids: Ids;
  duplicates: DuplicateIndex;
  lists: SuppressionLists;
  caps: CapCounters;
  http: OutboundHttp;
  /** Absent: pricing service layers yield their fallback (as if the service did not answer). */
  pricing?: PricingServices;
  /** Absent: no purchasing-decision data. */
  decisions?: PurchasingDecisions;
  /** Absent: no crash journal (tests, benchmark). */
  journal?: DeliveryJournal;
}
