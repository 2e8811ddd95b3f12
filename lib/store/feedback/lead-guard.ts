// Feedback for one lead is processed by one task at a time, across instances too: otherwise two
// identical reports arriving together would both pass the duplicate check (06 §5.4 step 5) and
// both call the source, which must get at most one successful feedback per lead and type (§5.5).
import type { Querier, SqlDb } from "@/lib/store/sql/connection";
import { oneAtATime } from "./one-at-a-time";

/**
 * PostgreSQL transactions one process keeps open for feedback at a time. Each may wait on a
 * source for its time-out; the pool has 8 connections and intake and the outbox need the rest.
 */
const PG_FEEDBACK_SLOTS = 4;

let slotsInUse = 0;
const waiting: Array<() => void> = [];

async function inSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (slotsInUse < PG_FEEDBACK_SLOTS) slotsInUse++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await fn();
  } finally {
    // A waiting task takes the slot over; otherwise it is free again.
    const next = waiting.shift();
    if (next) next();
    else slotsInUse--;
  }
}

export interface LeadGuard {
  /** Reads that must see every earlier report for the lead. */
  read: Querier;
  /** Runs the writes in a transaction (nested in the guard's own on PostgreSQL). */
  write<T>(fn: (q: Querier) => Promise<T>): Promise<T>;
}

/**
 * Runs `work` while nothing else processes feedback for the lead.
 * - Within this process: a queue per lead (both databases).
 * - SQLite: one process owns the database file, so the queue is the whole guard; the writes get a
 *   short transaction of their own, because holding SQLite's single write lock while a source
 *   answers would hold up every lead being taken in.
 * - PostgreSQL (several instances may share it): one transaction holding an advisory lock on the
 *   lead for the whole processing, source call included; other instances wait for it, and all of
 *   the work runs on that transaction's connection.
 */
export function withLeadGuard<T>(sql: SqlDb, leadId: string, work: (guard: LeadGuard) => Promise<T>): Promise<T> {
  return oneAtATime(leadId, () => {
    if (sql.provider !== "postgresql") return work({ read: sql, write: (fn) => sql.tx(fn, { durable: true }) });
    return inSlot(() =>
      sql.tx(
        async (q) => {
          await q.all(`SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`, [`leadflow:feedback:${leadId}`]);
          return work({ read: q, write: (fn) => fn(q) });
        },
        { durable: true },
      ),
    );
  });
}
