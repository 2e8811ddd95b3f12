// Shapes of the admin API resources the UI reads (spec 07 §2, 08 §4, 06 §2). Only the keys the UI
// uses are typed; everything else passes through untouched. The flow document itself is the
// engine's type (`lib/schemas/flow.ts`), imported as a type so no server code reaches the browser.
import type { Cap, FlowDocument, FlowSource, Mapping, Pricing, Step } from "@/lib/schemas/flow";
import type { Rule, RuleSet } from "@/lib/rules/types";

export type { Cap, FlowDocument, FlowSource, Mapping, Pricing, Rule, RuleSet, Step };

export type Outcome = "success" | "failure" | "error";
export type Role = "admin" | "editor" | "viewer";

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  time_zone: string;
}

/** `GET /api/users` (spec 07 §2.3). */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  created_at: string;
  updated_at?: string;
  last_login_at: string | null;
  disabled: boolean;
}

export interface FlowSummary {
  id: string;
  name: string;
  enabled: boolean;
  version: number;
  deployed_version: number | null;
  has_undeployed_changes: boolean;
  deployed_at?: string | null;
  source_count?: number;
  step_count?: number;
  updated_at?: string;
}

/** `GET /api/flows/{id}`: the document plus read-only metadata (spec 07 §2.4). */
export type FlowResource = FlowDocument & {
  id: string;
  version: number;
  deployed_version: number | null;
  has_undeployed_changes: boolean;
  created_at?: string;
  updated_at?: string;
  deployed_at?: string | null;
  errors?: { path?: string; message: string }[] | null;
};

export interface FlowVersion {
  version: number;
  created_at: string;
  created_by?: { id: string; name: string } | null;
  message?: string | null;
  deployed: boolean;
  deployed_at?: string | null;
  summary?: { steps?: number; sources?: number };
}

export interface DiffChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface Entity {
  id: string;
  name: string;
  description?: string;
  roles: ("source" | "recipient")[];
  website?: string | null;
  created_at?: string;
  flows?: { id: string; name: string; as: string }[];
}

export interface SourceKey {
  id: string;
  prefix: string;
  created_at: string;
  last_used_at?: string | null;
  revoked_at?: string | null;
  key?: string;
}

export interface FieldRecord {
  id: string;
  name: string;
  type: string;
  description?: string;
  standard: boolean;
  aggregate?: boolean;
  deprecated?: boolean;
}

export interface TypeInfo {
  name: string;
  components: string[];
  operators: string[];
}

export interface SuppressionList {
  id: string;
  name: string;
  kind: "dnc" | "customer" | "custom";
  description?: string;
  item_count: number;
  created_at?: string;
  updated_at?: string;
}

export interface ListItem {
  value: string;
  added_at: string;
  expires_at?: string | null;
}

export interface UploadJob {
  job_id?: string;
  status: "running" | "done" | "failed" | string;
  rows?: number;
  added?: number;
  already_present?: number;
  invalid?: number;
  invalid_sample?: { row: number; value: string }[];
  message?: string;
}

export interface PricingService {
  id: string;
  name: string;
  url: string;
  timeout_ms?: number;
}

export interface LeadSummary {
  id: string;
  flow: { id: string; name: string };
  flow_version: number;
  source: { id: string; name: string } | null;
  submitted_at: string;
  outcome: Outcome;
  reason: string | null;
  price: number;
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  phone_1?: string | null;
  state?: string | null;
  postal_code?: string | null;
  reference?: string | null;
  test?: boolean;
}

export interface HttpRequestRecord {
  method?: string;
  uri?: string;
  url?: string;
  version?: string;
  headers?: Record<string, unknown>;
  body?: unknown;
  timestamp?: string;
  body_truncated?: boolean;
}

export interface HttpResponseRecord {
  status?: number;
  status_text?: string;
  headers?: Record<string, unknown>;
  body?: unknown;
  timestamp?: string;
  body_truncated?: boolean;
}

export interface Transaction {
  request?: HttpRequestRecord | null;
  response?: HttpResponseRecord | null;
  ms?: number;
  error?: string | null;
}

/** One event of a lead (spec 06 §2); type-specific keys pass through. */
export interface LeadEvent {
  id: string;
  type: "source" | "filter" | "recipient" | "retry" | "feedback-received" | "feedback-sent" | string;
  sequence?: number;
  step_id?: string | null;
  outcome: string;
  reason?: string | null;
  timestamp: string;
  ms?: number | null;
  wait_ms?: number | null;
  vars?: Record<string, unknown>;
  request?: HttpRequestRecord | null;
  response?: HttpResponseRecord | null;
  transactions?: Transaction[];
  would_send?: { url?: string; method?: string; headers?: Record<string, unknown>; body?: unknown } | null;
  recipient_event_id?: string;
  attempt?: number;
  retry_status?: string;
  recipient_name?: string;
  delivery?: { status?: string; attempts?: number; next_attempt_at?: string | null; idempotency_key?: string } | null;
  [key: string]: unknown;
}

export interface LeadRecord extends LeadSummary {
  submission?: { timestamp: string; ip?: string };
  submitted?: Record<string, unknown>;
  vars?: Record<string, unknown>;
  request?: HttpRequestRecord | null;
  response?: HttpResponseRecord | null;
  events: LeadEvent[];
}

export interface ReplayResult {
  replay: true;
  lead_id?: string;
  flow_id?: string;
  flow_version?: number | string;
  timestamp?: string;
  outcome: Outcome;
  reason: string | null;
  price: number;
  response?: { status: number; content_type?: string; body?: string };
  events: LeadEvent[];
  differences?: Record<string, [unknown, unknown]>;
  warnings?: string[];
}

export interface CapCounter {
  id: string;
  flow_id: string;
  source_id?: string | null;
  step_id?: string | null;
  name?: string;
  maximum?: number | null;
  effective_maximum?: number | null;
  count: number;
  reserved?: number;
  failed_count?: number;
  remaining?: number;
  fill_rate?: number | null;
  started_at?: string | null;
  expires_at?: string | null;
  parent_id?: string | null;
}

export interface StatsRow {
  bucket?: { label: string; start: string };
  source?: { id: string; name: string } | null;
  flow?: { id: string; name: string } | null;
  [column: string]: unknown;
}

export interface StatsReport {
  start: string;
  end: string;
  time_zone: string;
  interval?: string;
  columns: string[];
  rows: StatsRow[];
  totals: Record<string, number | null>;
}

export interface RejectionRow {
  reason: string;
  outcome: string;
  count: number;
  share: number;
}

export interface PriceDistribution {
  rows: { price?: number; from?: number; to?: number; count: number; amount: number; share: number }[];
  summary: { count: number; sum: number; min: number | null; max: number | null; avg: number | null; median: number | null };
}

export interface CapFillRow {
  cap: { id: string; name: string; level: "flow" | "source" | "step"; source_id?: string | null; step_id?: string | null; parent_id?: string | null };
  period: { start: string; end: string | null };
  maximum: number | null;
  count: number;
  rejected: number;
  fill_rate: number | null;
  current: boolean;
}
