// In-memory implementations of every port: correct (each method does all its reads and writes
// before yielding, so JavaScript's single thread makes it atomic), used by unit tests, the
// engine benchmark and replay. `MemoryStore.complete` plays the completion transaction.

import { randomBytes } from "node:crypto";
import { type CapPeriodRequest, ROLLING_PERIOD, resolveCapPeriod } from "./cap-period";
import type {
  CapCounters,
  CapHold,
  CapRequest,
  CapReservation,
  CapReserveResult,
  Clock,
  DeliveryIntent,
  DeliveryJournal,
  DuplicateClaimRequest,
  DuplicateClaimResult,
  DuplicateIndex,
  EnginePorts,
  HttpResponse,
  Ids,
  LeadJournalEntry,
  ListMatch,
  ListRef,
  OutboundHttp,
  OutboundRequest,
  PricingServices,
  SendResult,
  SuppressionLists,
} from "./ports";
import type { CapSettlement, DeliveryRecord, DuplicateSettlement, LeadEvent, LeadOutcome, Vars } from "./types";

// ---------------------------------------------------------------------------------------------
// Clock and ids

/** A clock that moves only when told (tests), or follows real time from an offset. */
export class MemoryClock implements Clock {
  constructor(private t: number = Date.now()) {}
  now(): number {
    return this.t;
  }
  set(t: number | string): void {
    this.t = typeof t === "number" ? t : Date.parse(t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export const systemClock: Clock = { now: () => Date.now() };

/** Deterministic ids (a counter) and a seeded PRNG, so tests can name events. */
export class SequentialIds implements Ids {
  private n = 0;
  private state: number;
  constructor(
    private prefix = "",
    seed = 42,
  ) {
    this.state = seed >>> 0;
  }
  newId(): string {
    this.n += 1;
    const hex = this.n.toString(16);
    return (this.prefix + hex.padStart(24 - this.prefix.length, "0")).slice(-24);
  }
  randomInt(min: number, max: number): number {
    // mulberry32
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return min + Math.floor(r * (max - min + 1));
  }
}

// One `randomBytes` call costs microseconds here; drawing ids from a refilled pool keeps the
// 96 random bits per id and costs a fraction of that.
const POOL_IDS = 512;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/** Random 24-hex ids (96 bits from the CSPRNG, pooled) and Math.random integers. */
export const randomIds: Ids = {
  newId: () => {
    if (poolOffset >= pool.length) {
      pool = randomBytes(12 * POOL_IDS);
      poolOffset = 0;
    }
    const id = pool.toString("hex", poolOffset, poolOffset + 12);
    poolOffset += 12;
    return id;
  },
  randomInt: (min, max) => min + Math.floor(Math.random() * (max - min + 1)),
};

// ---------------------------------------------------------------------------------------------
// Duplicate history

interface KeyEntry {
  lastSeenAt: number | null;
  leadId: string | null;
  inflightLeadId: string | null;
  inflightUntil: number | null;
}

export class MemoryDuplicateIndex implements DuplicateIndex {
  /** scope → key → entry (nested, so no key strings are built per look-up). */
  private readonly scopes = new Map<string, Map<string, KeyEntry>>();

  /** Number of keys held (tests). */
  get size(): number {
    let n = 0;
    for (const m of this.scopes.values()) n += m.size;
    return n;
  }

  private entry(scope: string, key: string): KeyEntry | undefined {
    return this.scopes.get(scope)?.get(key);
  }

  private seen(scope: string, key: string, req: DuplicateClaimRequest, ignoreOwn: boolean): DuplicateClaimResult | null {
    const e = this.entry(scope, key);
    if (!e) return null;
    if (e.lastSeenAt !== null && (req.since === null || e.lastSeenAt >= req.since) && !(ignoreOwn && e.leadId === req.leadId)) {
      return { duplicate: true, key, lastSeenAt: e.lastSeenAt, inFlight: false };
    }
    if (e.inflightLeadId !== null && e.inflightLeadId !== req.leadId && e.inflightUntil !== null && e.inflightUntil > req.now) {
      return { duplicate: true, key, lastSeenAt: null, inFlight: true };
    }
    return null;
  }

  async claim(req: DuplicateClaimRequest & { leaseUntil: number }): Promise<DuplicateClaimResult> {
    for (const key of req.keys) {
      const hit = this.seen(req.scope, key, req, false);
      if (hit) return hit;
    }
    let keys = this.scopes.get(req.scope);
    if (!keys) {
      keys = new Map();
      this.scopes.set(req.scope, keys);
    }
    for (const key of req.keys) {
      const e = keys.get(key);
      if (e) {
        e.inflightLeadId = req.leadId;
        e.inflightUntil = req.leaseUntil;
      } else keys.set(key, { lastSeenAt: null, leadId: null, inflightLeadId: req.leadId, inflightUntil: req.leaseUntil });
    }
    return { duplicate: false, key: null, lastSeenAt: null, inFlight: false };
  }

  async peek(req: DuplicateClaimRequest): Promise<DuplicateClaimResult> {
    for (const key of req.keys) {
      const hit = this.seen(req.scope, key, req, true);
      if (hit) return hit;
    }
    return { duplicate: false, key: null, lastSeenAt: null, inFlight: false };
  }

  /** Completion: record the keys of a successful lead, or release its in-flight claim. */
  settle(s: DuplicateSettlement, leadId: string): void {
    for (const key of s.keys) {
      const e = this.entry(s.scope, key);
      if (!e) continue;
      if (e.inflightLeadId === leadId) {
        e.inflightLeadId = null;
        e.inflightUntil = null;
      }
      if (s.record) {
        e.lastSeenAt = s.at;
        e.leadId = leadId;
      }
    }
  }

  /** Seed history directly (tests). */
  record(scope: string, key: string, at: number, leadId = "seed"): void {
    let keys = this.scopes.get(scope);
    if (!keys) {
      keys = new Map();
      this.scopes.set(scope, keys);
    }
    keys.set(key, { lastSeenAt: at, leadId, inflightLeadId: null, inflightUntil: null });
  }
}

// ---------------------------------------------------------------------------------------------
// Suppression lists

interface MemoryList {
  id: string;
  name: string;
  urlName: string;
  items: Map<string, { addedAt: number; expiresAt: number | null }>;
}

/** URL name of a list (05 §6): lower-cased, spaces → `_`, other non-word characters removed. */
export function listUrlName(name: string): string {
  return name.toLowerCase().trim().replace(/\s+/g, "_").replace(/[^\w]/g, "");
}

export class MemorySuppressionLists implements SuppressionLists {
  readonly lists = new Map<string, MemoryList>();

  createList(id: string, name: string, values: readonly string[] = [], addedAt = 0): void {
    const items = new Map<string, { addedAt: number; expiresAt: number | null }>();
    for (const v of values) items.set(v.trim().toLowerCase(), { addedAt, expiresAt: null });
    this.lists.set(id, { id, name, urlName: listUrlName(name), items });
  }

  private live(list: MemoryList, value: string, now: number): { addedAt: number } | null {
    const item = list.items.get(value);
    if (!item || (item.expiresAt !== null && item.expiresAt <= now)) return null;
    return item;
  }

  async findInLists(listIds: readonly string[], values: readonly string[], since: number | null, now: number): Promise<ListMatch | null> {
    for (const id of listIds) {
      const list = this.lists.get(id);
      if (!list) continue;
      for (const value of values) {
        const item = this.live(list, value, now);
        if (item && (since === null || item.addedAt >= since)) return { listId: id, listName: list.name, value, addedAt: item.addedAt };
      }
    }
    return null;
  }

  async resolveLists(refs: readonly string[]): Promise<{ lists: ListRef[]; missing: string[] }> {
    const lists: ListRef[] = [];
    const missing: string[] = [];
    for (const ref of refs) {
      const byId = this.lists.get(ref);
      const found = byId ?? [...this.lists.values()].find((l) => l.urlName === listUrlName(ref));
      if (found) lists.push({ id: found.id, name: found.name });
      else missing.push(ref);
    }
    return { lists, missing };
  }

  async query(listIds: readonly string[], value: string, now: number): Promise<{ foundIn: ListRef[]; addedAt: number | null }> {
    const foundIn: ListRef[] = [];
    let addedAt: number | null = null;
    for (const id of listIds) {
      const list = this.lists.get(id);
      const item = list ? this.live(list, value, now) : null;
      if (list && item) {
        foundIn.push({ id: list.id, name: list.name });
        addedAt = Math.max(addedAt ?? item.addedAt, item.addedAt);
      }
    }
    return { foundIn, addedAt };
  }

  async add(listId: string, values: readonly string[], now: number): Promise<{ accepted: number; rejected: number }> {
    const list = this.lists.get(listId);
    if (!list) return { accepted: 0, rejected: values.length };
    let accepted = 0;
    let rejected = 0;
    for (const v of values) {
      const value = v.trim().toLowerCase();
      if (value === "") rejected++;
      else {
        list.items.set(value, { addedAt: now, expiresAt: null });
        accepted++;
      }
    }
    return { accepted, rejected };
  }

  async remove(listId: string, values: readonly string[]): Promise<{ deleted: number; rejected: number }> {
    const list = this.lists.get(listId);
    if (!list) return { deleted: 0, rejected: values.length };
    let deleted = 0;
    let rejected = 0;
    for (const v of values) {
      if (list.items.delete(v.trim().toLowerCase())) deleted++;
      else rejected++;
    }
    return { deleted, rejected };
  }

  async addIfAbsent(listId: string, value: string, now: number): Promise<{ added: boolean; addedAt: number | null }> {
    const list = this.lists.get(listId);
    if (!list) return { added: false, addedAt: null };
    const existing = this.live(list, value, now);
    if (existing) return { added: false, addedAt: existing.addedAt };
    list.items.set(value, { addedAt: now, expiresAt: null });
    return { added: true, addedAt: null };
  }
}

// ---------------------------------------------------------------------------------------------
// Cap counters

export interface MemoryCounter {
  capKey: string;
  period: string;
  startedAt: number;
  expiresAt: number | null;
  fingerprint: string;
  count: number;
  failedCount: number;
  /** In-flight reservations: lead id → lease end. */
  holds: Map<string, number>;
}

export class MemoryCapCounters implements CapCounters {
  /** capKey → period → counter; `newest` tracks the latest period per cap. */
  readonly counters = new Map<string, Map<string, MemoryCounter>>();
  private readonly newest = new Map<string, MemoryCounter>();
  /** Rolling windows: success times per cap. */
  readonly hits = new Map<string, number[]>();

  private reservedIn(c: MemoryCounter, now: number): number {
    let n = 0;
    for (const [leadId, until] of c.holds) {
      if (until > now) n++;
      else c.holds.delete(leadId); // an expired lease frees its capacity (06 §1.2)
    }
    return n;
  }

  private counterFor(req: CapRequest, now: number, write: boolean): MemoryCounter {
    const stored = this.newest.get(req.capKey) ?? null;
    const r = resolveCapPeriod(stored, req.period, now);
    const byPeriod = this.counters.get(req.capKey);
    const existing = byPeriod?.get(r.period);
    if (existing && !r.isNew) {
      if (write) {
        existing.expiresAt = r.expiresAt;
        existing.fingerprint = r.fingerprint;
      }
      return existing;
    }
    const fresh: MemoryCounter = {
      capKey: req.capKey,
      period: r.period,
      startedAt: r.startedAt,
      expiresAt: r.expiresAt,
      fingerprint: r.fingerprint,
      count: 0,
      failedCount: 0,
      holds: existing?.holds ?? new Map(),
    };
    if (write) {
      let map = byPeriod;
      if (!map) {
        map = new Map();
        this.counters.set(req.capKey, map);
      }
      map.set(r.period, fresh);
      this.newest.set(req.capKey, fresh);
    }
    return fresh;
  }

  private used(req: CapRequest, c: MemoryCounter, now: number): number {
    if (c.period !== ROLLING_PERIOD) return c.count + this.reservedIn(c, now);
    const since = c.startedAt;
    const hits = this.hits.get(req.capKey) ?? [];
    let n = 0;
    for (const t of hits) if (t >= since) n++;
    return n + this.reservedIn(c, now);
  }

  async reserve(requests: readonly CapRequest[], hold: CapHold): Promise<CapReserveResult> {
    const counters = requests.map((req) => this.counterFor(req, hold.now, true));
    for (let i = 0; i < requests.length; i++) {
      if (this.used(requests[i], counters[i], hold.now) >= requests[i].maximum) {
        counters[i].failedCount++;
        return { ok: false, fullIndex: i };
      }
    }
    const reservations: CapReservation[] = [];
    for (let i = 0; i < requests.length; i++) {
      counters[i].holds.set(hold.leadId, hold.leaseUntil);
      reservations.push({ capKey: requests[i].capKey, capId: requests[i].capId, period: counters[i].period });
    }
    return { ok: true, reservations };
  }

  async check(requests: readonly CapRequest[], now: number): Promise<{ fullIndex: number | null }> {
    for (let i = 0; i < requests.length; i++) {
      const c = this.counterFor(requests[i], now, false);
      if (this.used(requests[i], c, now) >= requests[i].maximum) return { fullIndex: i };
    }
    return { fullIndex: null };
  }

  /** Completion: reservations become counts (`commit`) or are released. */
  settle(settlements: readonly CapSettlement[], leadId: string, at: number): void {
    for (const s of settlements) {
      const c = this.counters.get(s.reservation.capKey)?.get(s.reservation.period);
      if (!c) continue;
      c.holds.delete(leadId);
      if (!s.commit) continue;
      c.count++;
      if (c.period === ROLLING_PERIOD) {
        let list = this.hits.get(c.capKey);
        if (!list) {
          list = [];
          this.hits.set(c.capKey, list);
        }
        list.push(at);
      }
    }
  }

  /** The counter a request would count against now (read-only), for assertions. */
  counterAt(capKey: string, period: CapPeriodRequest, now: number): MemoryCounter | undefined {
    const stored = this.newest.get(capKey) ?? null;
    const r = resolveCapPeriod(stored, period, now);
    return this.counters.get(capKey)?.get(r.period);
  }

  newestCounter(capKey: string): MemoryCounter | undefined {
    return this.newest.get(capKey);
  }
}

// ---------------------------------------------------------------------------------------------
// Outbound HTTP, pricing services, journal

export type HttpHandler = (request: OutboundRequest, timeoutMs: number) =>
  | Partial<HttpResponse>
  | { error: "timeout" | "connection" | "refused"; code?: string; message?: string }
  | Promise<Partial<HttpResponse> | { error: "timeout" | "connection" | "refused"; code?: string; message?: string }>;

const STATUS_TEXT: Record<number, string> = {
  200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 400: "Bad Request", 401: "Unauthorized",
  403: "Forbidden", 404: "Not Found", 408: "Request Timeout", 409: "Conflict", 422: "Unprocessable Entity",
  429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
};

/** Answers from a handler, instantly (no network); every request is kept in `requests`. */
export class MemoryHttp implements OutboundHttp {
  readonly requests: Array<{ request: OutboundRequest; timeoutMs: number }> = [];
  constructor(
    public handler: HttpHandler = () => ({ status: 200 }),
    private clock: Clock = systemClock,
    /** Simulated response time added to the clock when it is a MemoryClock. */
    private latencyMs = 0,
  ) {}

  async send(request: OutboundRequest, timeoutMs: number): Promise<SendResult> {
    this.requests.push({ request, timeoutMs });
    const startedAt = this.clock.now();
    let answer: Awaited<ReturnType<HttpHandler>>;
    try {
      answer = await this.handler(request, timeoutMs);
    } catch (err) {
      answer = { error: "connection", code: (err as { code?: string }).code ?? "ECONNRESET" };
    }
    if (this.latencyMs > 0 && this.clock instanceof MemoryClock) this.clock.advance(this.latencyMs);
    const endedAt = this.clock.now();
    if ("error" in answer && typeof answer.error === "string") {
      const a = answer as { error: "timeout" | "connection" | "refused"; code?: string; message?: string };
      return { ok: false, error: a.error, code: a.code, message: a.message, startedAt, endedAt };
    }
    const r = answer as Partial<HttpResponse>;
    const status = r.status ?? 200;
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = v;
    return {
      ok: true,
      response: { status, statusText: r.statusText ?? STATUS_TEXT[status] ?? "", headers, body: r.body ?? "", version: "1.1" },
      startedAt,
      endedAt,
    };
  }
}

export class MemoryPricingServices implements PricingServices {
  readonly calls: Array<{ serviceId: string; vars: Vars }> = [];
  constructor(readonly services: Map<string, (vars: Vars) => { price: number } | { error: string }> = new Map()) {}
  async quote(serviceId: string, vars: Vars): Promise<{ price: number } | { error: string }> {
    this.calls.push({ serviceId, vars });
    const s = this.services.get(serviceId);
    return s ? s(vars) : { error: "Unknown pricing service" };
  }
}

export class MemoryJournal implements DeliveryJournal {
  readonly journals = new Map<string, LeadJournalEntry>();
  readonly intents = new Map<string, DeliveryIntent>();
  async openLead(entry: LeadJournalEntry): Promise<void> {
    if (!this.journals.has(entry.leadId)) this.journals.set(entry.leadId, entry);
  }
  async recordIntent(intent: DeliveryIntent): Promise<void> {
    this.intents.set(intent.id, intent);
  }
}

// ---------------------------------------------------------------------------------------------
// The completion transaction, in memory

export class MemoryStore {
  readonly leads = new Map<string, LeadOutcome>();
  readonly events = new Map<string, LeadEvent>();
  readonly deliveries = new Map<string, DeliveryRecord>();
  constructor(
    private readonly ports: { duplicates: MemoryDuplicateIndex; caps: MemoryCapCounters; journal: MemoryJournal },
    /** False in the benchmark: only bookkeeping is applied, nothing is kept. */
    private readonly keep = true,
  ) {}

  /** What lib/store does in one transaction (06 §1.3), minus serialization. */
  complete(outcome: LeadOutcome): void {
    if (outcome.dryRun) return;
    this.ports.caps.settle(outcome.bookkeeping.caps, outcome.leadId, outcome.completedAt);
    if (outcome.bookkeeping.duplicate) this.ports.duplicates.settle(outcome.bookkeeping.duplicate, outcome.leadId);
    this.ports.journal.journals.delete(outcome.leadId);
    for (const d of outcome.bookkeeping.deliveries) {
      this.ports.journal.intents.delete(d.id);
      if (this.keep) this.deliveries.set(d.id, d);
    }
    if (!this.keep) return;
    this.leads.set(outcome.leadId, outcome);
    for (const e of outcome.events) this.events.set(e.id, e);
  }
}

export interface MemoryPorts extends EnginePorts {
  clock: Clock;
  ids: Ids;
  duplicates: MemoryDuplicateIndex;
  lists: MemorySuppressionLists;
  caps: MemoryCapCounters;
  http: MemoryHttp;
  pricing: MemoryPricingServices;
  journal: MemoryJournal;
  store: MemoryStore;
}

export function createMemoryPorts(options: { clock?: Clock; ids?: Ids; http?: HttpHandler; keep?: boolean; latencyMs?: number } = {}): MemoryPorts {
  const clock = options.clock ?? systemClock;
  const duplicates = new MemoryDuplicateIndex();
  const caps = new MemoryCapCounters();
  const journal = new MemoryJournal();
  return {
    clock,
    ids: options.ids ?? randomIds,
    duplicates,
    lists: new MemorySuppressionLists(),
    caps,
    http: new MemoryHttp(options.http, clock, options.latencyMs ?? 0),
    pricing: new MemoryPricingServices(),
    journal,
    store: new MemoryStore({ duplicates, caps, journal }, options.keep ?? true),
  };
}
