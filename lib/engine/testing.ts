// Helpers for the engine's unit tests and benchmark: valid flow documents, lead inputs and a
// one-call runner over memory ports. Not used in production paths.

import { flowDocumentSchema, normalizeFlowDocument, type FlowDocument } from "@/lib/schemas/flow";
import { compileFlow, type CompileFlowOptions, type CompiledFlow } from "./compile-flow";
import { createMemoryPorts, MemoryClock, SequentialIds, type HttpHandler, type MemoryPorts } from "./memory-ports";
import type { EngineOptions } from "./options";
import { processLead } from "./process-lead";
import type { AccountInfo, LeadInput, LeadOutcome } from "./types";

export const FLOW_ID = "5fd4371e940df5a34a3888b2";
export const VENDOR_A = { id: "6369a0e534c9d4ebe142e0ef", name: "Vendor A" };
export const ACCOUNT: AccountInfo = { id: "a00000000000000000000001", name: "Acme", time_zone: "America/Chicago", retention_days: 90 };

/** A flow document validated by the real schema (so tests exercise only valid documents). */
export function flowDocument(doc: Record<string, unknown>): FlowDocument {
  const parsed = flowDocumentSchema.safeParse({ name: "TX Solar", ...doc });
  if (!parsed.success) throw new Error("invalid test flow: " + JSON.stringify(parsed.error.issues, null, 1));
  return normalizeFlowDocument(parsed.data);
}

let leadCounter = 0;
export function leadInput(submitted: Record<string, unknown>, over: Partial<LeadInput> = {}): LeadInput {
  leadCounter += 1;
  return {
    leadId: "63cc6f0e55254d7d1c4c" + leadCounter.toString(16).padStart(4, "0"),
    flowId: FLOW_ID,
    flowVersion: 7,
    flowName: "TX Solar",
    flowEnabled: true,
    account: ACCOUNT,
    source: { id: "src001", entity: VENDOR_A },
    submission: { timestamp: "2024-01-15T15:00:00.000Z", ip: "203.0.113.9" },
    submitted,
    randomNumber: 42,
    ...over,
  };
}

export interface Harness {
  ports: MemoryPorts;
  clock: MemoryClock;
  flow: CompiledFlow;
  /** Process and complete (apply bookkeeping to the memory store). */
  run(submitted: Record<string, unknown>, over?: Partial<LeadInput>, options?: EngineOptions): Promise<LeadOutcome>;
}

export function harness(
  doc: Record<string, unknown>,
  opts: { http?: HttpHandler; now?: string; compile?: CompileFlowOptions; engine?: EngineOptions } = {},
): Harness {
  const clock = new MemoryClock(Date.parse(opts.now ?? "2024-01-15T15:00:00.000Z"));
  const ports = createMemoryPorts({ clock, ids: new SequentialIds(), http: opts.http });
  const flow = compileFlow(flowDocument(doc), opts.compile);
  return {
    ports,
    clock,
    flow,
    async run(submitted, over = {}, options) {
      const input = leadInput(submitted, { submission: { timestamp: clock.now(), ip: "203.0.113.9" }, ...over });
      const outcome = await processLead(input, flow, ports, { targets: { allowLoopback: true }, retry: { jitter: 0 }, ...opts.engine, ...options });
      ports.store.complete(outcome);
      return outcome;
    },
  };
}

export const source = (extra: Record<string, unknown> = {}) => ({ id: "src001", entity: VENDOR_A, ...extra });
export const rule = (lhv: string, op: string, rhv?: unknown) => (rhv === undefined ? { lhv, op } : { lhv, op, rhv });
export const all = (...rules: unknown[]) => ({ op: "and", rules });
export const any = (...rules: unknown[]) => ({ op: "or", rules });
