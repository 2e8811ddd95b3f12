// Shapes shared by the engine's phases: the lead context, event documents and the outcome that
// completion hands to the store. Field names follow the spec (snake_case inside documents).

export type Vars = Readonly<Record<string, unknown>>;

/** Final outcome of a lead (spec 00 §2). */
export type LeadOutcomeValue = "success" | "failure" | "error";
/** Outcome of a recipient step or retry (06 §2.4). */
export type StepOutcome = "success" | "failure" | "error" | "skip";
/** Outcome of a filter event (06 §2.6). */
export type FilterOutcome = "continue" | "stop" | "error";

/** Which stage decided the lead's outcome (06 §2.3 `decided_by`). */
export type DecidedByStage =
  | "flow_disabled"
  | "hours"
  | "acceptance_criteria"
  | "suppression"
  | "caps"
  | "filter"
  | "completed"
  | "engine_error"
  | "recovery";

export interface DecidedBy {
  stage: DecidedByStage;
  /** `flow`/`source` for acceptance and caps; `duplicate` or the list kind for suppression. */
  scope: string | null;
  step_id: string | null;
}

export interface AccountInfo {
  id: string;
  name: string;
  /** IANA zone; default for caps and schedules without their own (00 §1). */
  time_zone: string;
  /** Events expire at submission + retention (06 §4). */
  retention_days: number;
  sso_id?: string | null;
}

/** What the intake transport hands to the engine (00 §2 steps 1–4 already done). */
export interface LeadInput {
  leadId: string;
  flowId: string;
  flowVersion: number;
  /** The flow record's name and `enabled` (on the record, not versioned: 07 §2.4). */
  flowName?: string;
  flowEnabled: boolean;
  account: AccountInfo;
  /** The flow source that received the lead: its short id and its entity. */
  source: { id: string; entity: { id: string; name: string } };
  submission: {
    /** ISO-8601 UTC or epoch ms; becomes `submission.timestamp`. */
    timestamp: string | number;
    ip: string | null;
    user_agent?: string | null;
    [key: string]: unknown;
  };
  /** The submitted data after transport parsing (07 §1.3.6): nested; dotted ids read by path. */
  submitted: Readonly<Record<string, unknown>>;
  /** When the request arrived, epoch ms (for `lag_ms`/`total_ms`); defaults to the submission timestamp. */
  receivedAt?: number;
  /** 1..100; drawn from `ports.ids` when absent. */
  randomNumber?: number;
  /** The inbound request as stored on the source event (07 §1.7), already scrubbed by the transport. */
  request?: Record<string, unknown> | null;
}

// ---------------------------------------------------------------------------------------------
// Events (06 §2)

/** One recorded HTTP exchange (06 §2.2), secrets masked, bodies cut at 64 KiB. */
export interface HttpExchange {
  request: {
    method: string;
    uri: string;
    version: string;
    headers: Record<string, string>;
    body: string | null;
    body_truncated?: boolean;
    timestamp: number;
  };
  response: {
    status: number;
    status_text: string;
    version: string;
    headers: Record<string, string | string[]>;
    body: string;
    body_truncated?: boolean;
    timestamp: number;
  } | null;
  ms: number;
  /** Why there is no response (time-out, connection failure). */
  error?: string;
}

export interface EventBase {
  id: string;
  type: "source" | "filter" | "recipient" | "retry";
  lead_id: string;
  flow_id: string;
  flow_version: number;
  source_id: string;
  sequence: number;
  step_id: string | null;
  outcome: string;
  reason: string | null;
  timestamp: string;
  start_timestamp: number;
  end_timestamp: number;
  ms: number;
  wait_ms: number;
  overhead_ms: number;
  lag_ms: number;
  total_ms: number;
  vars: Vars;
  host: string | null;
  handler_version: string;
  version: "1";
  expires_at: string;
}

export interface FilterEvent extends EventBase {
  type: "filter";
  outcome: FilterOutcome;
  description: string | null;
  rule_set: unknown;
  lead_outcome: LeadOutcomeValue | null;
}

export interface DeliveryInfo {
  idempotency_key: string;
  retry_enabled: boolean;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
}

export type DeliveryStatus =
  | "none"
  | "delivered"
  | "rejected"
  | "failed"
  | "retrying"
  | "exhausted"
  | "skipped"
  | "cancelled"
  | "in_doubt";

export interface RecipientEvent extends EventBase {
  type: "recipient";
  outcome: StepOutcome;
  description: string | null;
  module_id: string;
  purpose: "enhancement" | "delivery" | "notification";
  key: string;
  recipient_id: string | null;
  recipient_name: string | null;
  /** Ids of the step caps that applied; `caps_reached` when one was full. */
  caps: string[];
  caps_reached: boolean;
  /** Computed sale price before the call (05 §3.1 step 3). */
  price: number;
  sale_price: number;
  revenue: number;
  purchase_price: number;
  cost: number;
  rule_set: unknown;
  mappings: unknown;
  pricing: unknown;
  transactions: HttpExchange[];
  appended: Record<string, unknown>;
  delivery: DeliveryInfo;
  first_attempt: { outcome: StepOutcome; reason: string | null; timestamp: string } | null;
  final_at: string | null;
  /** Replay only (07 §2.8): the request that would have been sent, secrets masked. */
  would_send?: unknown;
  /** Local in-flow list steps and validation errors have no exchange; errors from integration code name it. */
  error?: string;
}

export interface RetryEvent extends Omit<RecipientEvent, "type"> {
  type: "retry";
  recipient_event_id: string;
  attempt: number;
  retry_status: "started" | "completed";
  next_attempt_at: string | null;
  manual?: boolean;
  user?: string | null;
}

export interface SuppressionResult {
  kind: "dnc" | "customer" | "custom";
  list_ids: string[];
  matched: boolean;
  matched_list?: string | null;
}

export interface DuplicateResult {
  checked: boolean;
  key: string | null;
  is_duplicate: boolean;
  days_ago: number | null;
  recorded: boolean;
}

export interface SourceEvent extends EventBase {
  type: "source";
  outcome: LeadOutcomeValue;
  decided_by: DecidedBy;
  purchase_price: number;
  cost: number;
  step_count: number;
  module_id: string;
  acceptance_criteria: { flow: unknown; source: unknown };
  cap_reached: boolean;
  cap_ids: string[];
  rejected_by_cap_id: string | null;
  duplicate: DuplicateResult;
  suppression: SuppressionResult[];
  appended: Record<string, unknown>;
  request: Record<string, unknown> | null;
  /** The answer to the source; the transport replaces the body when it negotiates XML (07 §1.5). */
  response: { status: number; headers: Record<string, string>; body: string };
}

export type LeadEvent = SourceEvent | FilterEvent | RecipientEvent;

/** Feedback kinds (06 §5.1) and the ways feedback arrives (06 §2.7, §5.6). */
export type FeedbackType = "return" | "conversion";
export type FeedbackVia = "webhook" | "api" | "import";

/** Fields both feedback events carry (06 §2.7); written after the lead, never part of its processing. */
export interface FeedbackEventFields extends Omit<EventBase, "type"> {
  recipient_event_id: string;
  recipient_id: string | null;
  recipient_name: string | null;
  module_id: string | null;
  /** What was reported, and the configuration applied: the step's (received) or the source's (sent). */
  feedback: { type: string; reason: string | null; config: unknown };
  via: FeedbackVia;
  /** Who recorded it through the admin API or an import; null for the webhook. */
  user: string | null;
}

export interface FeedbackReceivedEvent extends FeedbackEventFields {
  type: "feedback-received";
  /** What the recipient was told. */
  outcome: LeadOutcomeValue;
  feedback_sent_event_id: string | null;
  /** The webhook call and our answer (07 §1.7 shapes); null for the admin API and imports. */
  request: Record<string, unknown> | null;
  response: Record<string, unknown> | null;
}

export interface FeedbackSentEvent extends FeedbackEventFields {
  type: "feedback-sent";
  outcome: StepOutcome;
  feedback_received_event_id: string;
  /** The call to the source, secrets masked; null when nothing was sent (skip, validation error). */
  request: HttpExchange["request"] | null;
  response: HttpExchange["response"];
  /** Why there is no response (time-out, connection failure). */
  error?: string;
}

// ---------------------------------------------------------------------------------------------
// What processing hands to completion's writer (06 §1.3)

export interface CapReservationRef {
  capKey: string;
  capId: string;
  period: string;
}

/** A cap reservation to turn into a count (`commit`) or to release, in the completion transaction. */
export interface CapSettlement {
  reservation: CapReservationRef;
  commit: boolean;
  scope: "flow" | "source" | "step";
  step_id: string | null;
}

/** Duplicate-history keys: recorded at `at` for a success, else the in-flight claim is released. */
export interface DuplicateSettlement {
  scope: string;
  keys: string[];
  record: boolean;
  at: number;
}

/** One outbox row per recipient step that sent (or wanted to send) a request (05 §5.4). */
export interface DeliveryRecord {
  /** = recipient event id = Idempotency-Key. */
  id: string;
  leadId: string;
  stepId: string;
  flowId: string;
  flowVersion: number;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number | null;
  /** The exact request for resends; null once the delivery has ended (it holds secrets). */
  request: import("./ports").OutboundRequest | null;
  /** What a retry needs besides the request: response variables and the time-out. */
  responseConfig: { timeoutMs: number; response: Record<string, unknown>; key: string } | null;
  lastError: string | null;
}

/** The source's answer body (07 §1.5.3); the transport serializes it as JSON or XML. */
export interface SourceResponseBody {
  outcome: LeadOutcomeValue;
  reason?: string;
  lead: { id: string };
  price: number;
}

export interface LeadOutcome {
  leadId: string;
  flowId: string;
  flowVersion: number;
  /** Source entity id, and the flow source's short id. */
  sourceId: string;
  flowSourceId: string;
  outcome: LeadOutcomeValue;
  reason: string | null;
  /** Purchase price when `success`, else 0 (00 §2). */
  price: number;
  decidedBy: DecidedBy;
  submittedAt: number;
  receivedAt: number;
  completedAt: number;
  /** Every event in sequence order, the source event last. */
  events: LeadEvent[];
  /** Masked, normalized lead fields (`lead.*` minus `id` and `random_number`). */
  fields: Record<string, unknown>;
  /** Final variables, masked (03 §1). */
  vars: Vars;
  response: SourceResponseBody;
  bookkeeping: {
    caps: CapSettlement[];
    duplicate: DuplicateSettlement | null;
    deliveries: DeliveryRecord[];
  };
  dryRun: boolean;
}
