// Query keys in one place so mutations invalidate exactly what they change.
import type { Query } from "./client";

export const qk = {
  me: ["me"] as const,
  flows: ["flows"] as const,
  flow: (id: string, version?: string | number) => ["flows", id, "doc", version ?? "latest"] as const,
  flowVersions: (id: string) => ["flows", id, "versions"] as const,
  flowDiff: (id: string, a: number, b: number) => ["flows", id, "diff", a, b] as const,
  submissionDocs: (id: string, sourceId: string) => ["flows", id, "submission-docs", sourceId] as const,
  fields: ["fields"] as const,
  types: ["types"] as const,
  entities: (role?: string) => ["entities", role ?? "all"] as const,
  entityKeys: (id: string) => ["entities", "keys", id] as const,
  pricingServices: ["pricing-services"] as const,
  lists: ["suppression-lists"] as const,
  list: (id: string) => ["suppression-lists", id] as const,
  listItems: (id: string, q: Query) => ["suppression-lists", id, "items", q] as const,
  leads: (q: Query) => ["leads", "search", q] as const,
  lead: (id: string) => ["leads", "one", id] as const,
  leadEvent: (id: string, eventId: string) => ["leads", "one", id, "event", eventId] as const,
  caps: (flowId: string) => ["caps", flowId] as const,
  report: (kind: string, q: Query) => ["reports", kind, q] as const,
  savedReports: ["saved-reports"] as const,
  tokens: ["tokens"] as const,
  users: ["users"] as const,
  feedbackImport: (id: string) => ["feedback-imports", id] as const,
};
