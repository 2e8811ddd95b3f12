"use client";
// The lead history (spec 06 §3): one line per event in recorded order with time, duration, type,
// step, outcome and reason; each line opens to what the step saw (its vars snapshot), what was
// sent and received, and the type-specific details. Retries sit under the delivery they retry;
// feedback events say which type, which way, about which delivery and how it came in.
import { useState } from "react";
import type { LeadEvent, Transaction } from "@/components/api/types";
import { useLeadEvent } from "@/components/api/use-leads";
import { Badge, OutcomeBadge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { QueryState } from "@/components/ui/query-state";
import { Tabs } from "@/components/ui/tabs";
import { formatMoney, formatMs, formatTime } from "./format";
import { DeliveryActions } from "./delivery-actions";
import { feedbackView, viaText, type FeedbackView } from "./feedback";
import { RecordFeedback, type FeedbackType } from "./record-feedback";
import { HttpExchange } from "./http-exchange";
import { JsonView } from "./json-view";

const TYPE_LABELS: Record<string, string> = {
  source: "Source",
  filter: "Filter",
  recipient: "Recipient",
  retry: "Retry",
  "feedback-received": "Feedback received",
  "feedback-sent": "Feedback sent",
};

const SUMMARY_KEYS = [
  "decided_by",
  "purchase_price",
  "cost",
  "price",
  "sale_price",
  "revenue",
  "cap_reached",
  "caps_reached",
  "rejected_by_cap_id",
  "cap_ids",
  "duplicate",
  "suppression",
  "lead_outcome",
  "delivery",
  "first_attempt",
  "attempt",
  "retry_status",
  "next_attempt_at",
  "recipient_name",
  "recipient_event_id",
  "feedback",
  "via",
  "user",
  "feedback_sent_event_id",
  "feedback_received_event_id",
  "module_id",
  "step_count",
  "appended",
  "rule_set",
  "acceptance_criteria",
  "wait_ms",
  "total_ms",
];

export interface TimelineProps {
  events: readonly LeadEvent[];
  /** Set for stored leads: opening an event loads its full vars snapshot. */
  leadId?: string;
  /** Step id → description, from the flow version the lead ran on. */
  stepNames?: ReadonlyMap<string, string>;
  timeZone?: string;
  label?: string;
  /** Shown on the source event ("Source: Vendor A"). */
  sourceName?: string;
  /** Step id → the feedback types it accepts: offers to record them on its successful deliveries. */
  feedbackTypes?: ReadonlyMap<string, readonly FeedbackType[]>;
}

function exchangesOf(e: LeadEvent): Transaction[] {
  if (Array.isArray(e.transactions) && e.transactions.length) return e.transactions;
  if (e.would_send) return [{ request: { method: e.would_send.method, uri: e.would_send.url, headers: e.would_send.headers, body: e.would_send.body }, response: null, error: "Not sent (replay)" }];
  if (e.request || e.response) return [{ request: e.request, response: e.response }];
  return [];
}

export function Timeline({ events, leadId, stepNames, timeZone, label = "Event timeline", sourceName, feedbackTypes }: TimelineProps) {
  const ordered = [...events].sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
  // Retries are listed right under the recipient event they retry.
  const byParent = new Map<string, LeadEvent[]>();
  for (const e of ordered) if (e.type === "retry" && e.recipient_event_id) byParent.set(e.recipient_event_id, [...(byParent.get(e.recipient_event_id) ?? []), e]);
  const top = ordered.filter((e) => !(e.type === "retry" && e.recipient_event_id && ordered.some((p) => p.id === e.recipient_event_id)));
  const start = ordered.length ? Math.min(...ordered.map((e) => new Date(e.timestamp).getTime()).filter(Number.isFinite)) : 0;
  // Feedback names the delivery it is about by event id; people know it by its row number.
  const numbers = new Map<string, string>();
  top.forEach((e, i) => {
    numbers.set(e.id, String(i + 1));
    (byParent.get(e.id) ?? []).forEach((r, j) => numbers.set(r.id, `${i + 1}.${j + 1}`));
  });
  if (ordered.length === 0) return <p className="text-sm text-slate-500">No events.</p>;
  return (
    <ol aria-label={label} className="relative flex flex-col gap-2 before:absolute before:top-2 before:bottom-2 before:left-[1.05rem] before:w-px before:bg-slate-200">
      {top.map((e, i) => (
        <li key={e.id ?? i}>
          <EventRow
            event={e}
            n={i + 1}
            leadId={leadId}
            stepNames={stepNames}
            timeZone={timeZone}
            start={start}
            sourceName={sourceName}
            numbers={numbers}
            feedbackTypes={e.step_id ? feedbackTypes?.get(e.step_id) : undefined}
          />
          {(byParent.get(e.id) ?? []).map((r, j) => (
            <div key={r.id ?? j} className="mt-2 ml-8">
              <EventRow event={r} n={i + 1} sub={j + 1} leadId={leadId} stepNames={stepNames} timeZone={timeZone} start={start} />
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}

function EventRow({
  event,
  n,
  sub,
  leadId,
  stepNames,
  timeZone,
  start,
  sourceName,
  numbers,
  feedbackTypes,
}: {
  event: LeadEvent;
  n: number;
  sub?: number;
  leadId?: string;
  stepNames?: ReadonlyMap<string, string>;
  timeZone?: string;
  start: number;
  sourceName?: string;
  numbers?: ReadonlyMap<string, string>;
  feedbackTypes?: readonly FeedbackType[];
}) {
  const [open, setOpen] = useState(false);
  const step = event.step_id
    ? (stepNames?.get(event.step_id) ?? (event.recipient_name as string | undefined) ?? `step ${event.step_id}`)
    : event.type === "source"
      ? (sourceName ?? null)
      : null;
  const feedback = feedbackView(event, { step: event.step_id ? stepNames?.get(event.step_id) : null, source: sourceName });
  const typeLabel = event.type === "retry" ? `Retry${event.attempt ? ` (attempt ${event.attempt})` : ""}` : (TYPE_LABELS[event.type] ?? event.type);
  const offset = new Date(event.timestamp).getTime() - start;
  const title = feedback ? feedback.title : `${typeLabel}${step ? `: ${step}` : ""}`;
  const how = feedback ? viaText(feedback) : null;
  const delivery = event.delivery?.status;
  return (
    <div className={cn("relative rounded-lg border bg-white", open ? "border-brand-300 shadow-sm" : "border-slate-200")}>
      <button
        type="button"
        aria-expanded={open}
        aria-label={`${open ? "Hide" : "Show"} details of event ${sub ? `${n}.${sub}` : n}: ${title}, ${event.outcome}`}
        onClick={() => setOpen(!open)}
        className="flex w-full flex-wrap items-center gap-x-3 gap-y-0.5 px-2 py-2 text-left text-sm hover:bg-slate-50"
      >
        <span className="relative z-10 flex size-6 shrink-0 items-center justify-center rounded-full bg-white text-xs font-semibold text-slate-500 ring-1 ring-slate-300">{sub ? `${n}.${sub}` : n}</span>
        <span className="w-24 shrink-0 font-mono text-xs text-slate-600" title={event.timestamp}>
          {formatTime(event.timestamp, timeZone, false)}
          {offset > 0 ? <span className="block text-[10px] text-slate-400">+{formatMs(offset)}</span> : null}
        </span>
        <span className="w-14 shrink-0 font-mono text-xs text-slate-600" title="Duration">
          {formatMs(event.ms)}
        </span>
        <span className="min-w-0 flex-1 truncate font-medium text-slate-900">{title}</span>
        <span className="flex shrink-0 flex-wrap gap-1">
          {feedback ? <Badge tone="violet">{feedback.type}</Badge> : null}
          <OutcomeBadge outcome={event.outcome} />
          {delivery && delivery !== "none" && delivery !== "delivered" ? <Badge tone="amber">{delivery}</Badge> : null}
        </span>
        {feedback && (feedback.reported || how) ? (
          <span className="w-full truncate pl-[13.25rem] text-xs text-slate-600">
            {feedback.reported ? `“${feedback.reported}”` : ""}
            {feedback.reported && how ? " · " : ""}
            {how}
          </span>
        ) : null}
        {event.reason ? <span className="w-full truncate pl-[13.25rem] text-xs text-slate-600">{feedback ? `${event.outcome}: ` : ""}{event.reason}</span> : null}
      </button>
      {open ? <EventDetails event={event} leadId={leadId} timeZone={timeZone} feedback={feedback} numbers={numbers} feedbackTypes={feedbackTypes} /> : null}
    </div>
  );
}

type Tab = "summary" | "http" | "vars" | "raw";

function EventDetails({
  event,
  leadId,
  timeZone,
  feedback,
  numbers,
  feedbackTypes,
}: {
  event: LeadEvent;
  leadId?: string;
  timeZone?: string;
  feedback?: FeedbackView | null;
  numbers?: ReadonlyMap<string, string>;
  feedbackTypes?: readonly FeedbackType[];
}) {
  const exchanges = exchangesOf(event);
  const [tab, setTab] = useState<Tab>(exchanges.length ? "http" : "summary");
  // The lead read leaves vars out of each event; fetch the one snapshot when it is asked for.
  const full = useLeadEvent(leadId ?? "", event.id, Boolean(leadId) && !event.vars && (tab === "vars" || tab === "raw"));
  const vars = event.vars ?? full.data?.vars;
  const summary = Object.fromEntries(SUMMARY_KEYS.filter((k) => event[k] !== undefined && event[k] !== null).map((k) => [k, event[k]]));
  const tabs: { id: Tab; label: string }[] = [
    { id: "summary", label: "Details" },
    ...(exchanges.length ? [{ id: "http" as const, label: exchanges.length > 1 ? `Sent & received (${exchanges.length})` : "Sent & received" }] : []),
    { id: "vars", label: "Data the step saw" },
    { id: "raw", label: "Raw event" },
  ];
  return (
    <div className="border-t border-slate-100 px-4 pt-1 pb-4">
      {leadId ? <DeliveryActions event={event} leadId={leadId} /> : null}
      {leadId && feedbackTypes ? <RecordFeedback event={event} leadId={leadId} types={feedbackTypes} /> : null}
      <Tabs label="Event details" tabs={tabs} value={tab} onChange={setTab}>
        {tab === "summary" ? (
          <div className="flex flex-col gap-3">
            <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
              <div>
                <dt className="text-xs text-slate-500">Started</dt>
                <dd>{formatTime(event.timestamp, timeZone)}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Duration</dt>
                <dd>
                  {formatMs(event.ms)}
                  {typeof event.wait_ms === "number" ? <span className="text-xs text-slate-500"> ({formatMs(event.wait_ms)} waiting)</span> : null}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Outcome</dt>
                <dd>
                  <OutcomeBadge outcome={event.outcome} />
                </dd>
              </div>
              {"purchase_price" in event || "sale_price" in event ? (
                <div>
                  <dt className="text-xs text-slate-500">{"sale_price" in event ? "Sale price" : "Purchase price"}</dt>
                  <dd>{formatMoney(event.sale_price ?? event.purchase_price)}</dd>
                </div>
              ) : null}
            </dl>
            {feedback ? <FeedbackFacts feedback={feedback} numbers={numbers} /> : null}
            {event.reason ? (
              <p className="text-sm">
                <span className="text-slate-500">{feedback ? "Outcome reason: " : "Reason: "}</span>
                {event.reason}
              </p>
            ) : null}
            {Object.keys(summary).length ? <JsonView value={summary} openDepth={1} label="Event details" /> : null}
          </div>
        ) : null}
        {tab === "http" ? (
          <div className="flex flex-col gap-4">
            {exchanges.map((t, i) => (
              <HttpExchange key={i} request={t.request} response={t.response} error={t.error} ms={t.ms} title={`Exchange ${i + 1}`} />
            ))}
          </div>
        ) : null}
        {tab === "vars" ? vars ? <JsonView value={vars} openDepth={2} label="Variables" /> : leadId ? <QueryState query={full} label="the data" /> : <p className="text-sm text-slate-500">No snapshot.</p> : null}
        {tab === "raw" ? <JsonView value={{ ...event, ...(vars ? { vars } : {}) }} openDepth={1} label="Raw event" /> : null}
      </Tabs>
    </div>
  );
}

function FeedbackFacts({ feedback, numbers }: { feedback: FeedbackView; numbers?: ReadonlyMap<string, string> }) {
  const about = feedback.recipientEventId ? numbers?.get(feedback.recipientEventId) : undefined;
  const paired = feedback.pairedEventId ? numbers?.get(feedback.pairedEventId) : undefined;
  return (
    <dl aria-label="Feedback" className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
      <div>
        <dt className="text-xs text-slate-500">Type</dt>
        <dd>{feedback.type}</dd>
      </div>
      <div>
        <dt className="text-xs text-slate-500">Reported reason</dt>
        <dd>{feedback.reported ?? "—"}</dd>
      </div>
      <div>
        <dt className="text-xs text-slate-500">Came in</dt>
        <dd>{viaText(feedback) ?? "—"}</dd>
      </div>
      <div>
        <dt className="text-xs text-slate-500">About the delivery to</dt>
        <dd>
          {feedback.recipientName ?? "the recipient"}
          {about ? <span className="text-slate-500"> (event {about})</span> : null}
        </dd>
      </div>
      {paired ? (
        <div className="col-span-2">
          <dt className="text-xs text-slate-500">{feedback.direction === "received" ? "Passed on to the source" : "Received from the recipient"}</dt>
          <dd>event {paired}</dd>
        </div>
      ) : null}
    </dl>
  );
}
