"use client";
// One lead, as support reads it (spec 06 §3): the answer it got, its fields, what the source
// sent, and the timeline of every event.
import Link from "next/link";
import { useMemo } from "react";
import { useFlow } from "@/components/api/use-flows";
import { useLead } from "@/components/api/use-leads";
import { useMe } from "@/components/api/use-me";
import { HttpExchange, JsonView, Timeline, formatMoney, formatTime } from "@/components/timeline";
import { Badge, OutcomeBadge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";

/** Where processing ended (spec 06 §2.3 `decided_by.stage`), in words. */
const STAGES: Record<string, string> = {
  flow_disabled: "flow disabled",
  hours: "hours of operation",
  acceptance_criteria: "acceptance criteria",
  suppression: "suppression",
  caps: "volume caps",
  filter: "filter step",
  completed: "all steps completed",
  engine_error: "engine error",
  recovery: "crash recovery",
};

function normalOf(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map(normalOf).join(", ");
  if (typeof v === "object" && "normal" in (v as object)) return normalOf((v as { normal: unknown }).normal);
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

export function LeadDetail({ leadId }: { leadId: string }) {
  const lead = useLead(leadId);
  const tz = useMe().data?.time_zone;
  const data = lead.data;
  const flow = useFlow(data?.flow?.id ?? "", data?.flow_version);
  const stepNames = useMemo(
    () => new Map((flow.data?.steps ?? []).map((s) => [s.id ?? "", s.description || (s.type === "recipient" ? s.entity?.name : undefined) || s.type] as const)),
    [flow.data],
  );
  // Which feedback each recipient step of the lead's flow version accepts (06 §5.2).
  const feedbackTypes = useMemo(
    () =>
      new Map(
        (flow.data?.steps ?? []).flatMap((s) =>
          s.type === "recipient" && s.id ? [[s.id, (["return", "conversion"] as const).filter((t) => s.feedback?.[t]?.enabled)] as const] : [],
        ),
      ),
    [flow.data],
  );
  if (!data) {
    return (
      <div>
        <Link href="/leads" className="text-sm text-brand-700 hover:underline">
          ← Leads
        </Link>
        <QueryState query={lead} label="the lead" />
      </div>
    );
  }
  const fields = ((data as unknown as { fields?: Record<string, unknown> }).fields ?? (data.vars?.lead as Record<string, unknown> | undefined) ?? {}) as Record<string, unknown>;
  const who = normalOf(fields.first_name) || normalOf(fields.email) || data.id;
  const decided = (data as unknown as { decided_by?: { stage?: string; scope?: string | null; step_id?: string | null } | null }).decided_by;
  const stage = decided?.stage
    ? `${STAGES[decided.stage] ?? decided.stage.replaceAll("_", " ")}${decided.scope ? ` (${decided.scope})` : ""}${decided.step_id ? `: ${stepNames.get(decided.step_id) ?? decided.step_id}` : ""}`
    : null;
  return (
    <div className="flex flex-col gap-4">
      <div>
        <Link href="/leads" className="text-sm text-brand-700 hover:underline">
          ← Leads
        </Link>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">Lead {who !== data.id ? who : ""}</h1>
          <OutcomeBadge outcome={data.outcome} />
          {data.test ? <Badge tone="violet">test</Badge> : null}
          <span className="font-mono text-xs text-slate-500">{data.id}</span>
        </div>
      </div>
      <Card>
        <dl className="grid grid-cols-2 gap-4 text-sm md:grid-cols-6">
          <div className="md:col-span-2">
            <dt className="text-xs text-slate-500">Reason</dt>
            <dd className="font-medium">{data.reason ?? "—"}</dd>
            {stage ? <dd className="text-xs text-slate-500">Decided at: {stage}</dd> : null}
          </div>
          <div>
            <dt className="text-xs text-slate-500">Price</dt>
            <dd className="font-medium">{formatMoney(data.price)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Received</dt>
            <dd>{formatTime(data.submitted_at, tz)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Flow</dt>
            <dd>
              <Link href={`/flows/${data.flow.id}`} className="text-brand-700 hover:underline">
                {data.flow.name}
              </Link>{" "}
              <span className="text-xs text-slate-500">v{data.flow_version}</span>
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Source</dt>
            <dd>{data.source?.name ?? "—"}</dd>
          </div>
        </dl>
        <div className="mt-3 flex gap-2">
          <Link href={`/flows/${data.flow.id}/test?lead=${data.id}`} className={buttonClass("secondary", "sm")}>
            Replay against the flow
          </Link>
        </div>
      </Card>
      <div className="grid gap-4 xl:grid-cols-[1fr_22rem]">
        <Card title="Timeline" description="Every event in the order it was recorded. Open one to see what the step saw, sent and received.">
          <Timeline events={data.events ?? []} leadId={data.id} stepNames={stepNames} timeZone={tz} label="Lead events" sourceName={data.source?.name} feedbackTypes={feedbackTypes} />
        </Card>
        <Card title="Fields">
          <table className="w-full text-sm" aria-label="Lead fields">
            <tbody className="divide-y divide-slate-100">
              {Object.entries(fields).map(([k, v]) => {
                const typed = v && typeof v === "object" && !Array.isArray(v) ? (v as { raw?: unknown; valid?: boolean }) : null;
                return (
                  <tr key={k} className="align-top">
                    <th scope="row" className="py-1.5 pr-3 text-left font-mono text-xs font-normal text-slate-500">
                      {k}
                    </th>
                    <td className="py-1.5 break-all">
                      {normalOf(v)}
                      {typed?.valid === false ? (
                        <Badge tone="amber" className="ml-1">
                          invalid
                        </Badge>
                      ) : null}
                      {typed && typed.raw !== undefined && normalOf(typed.raw) !== normalOf(v) ? <div className="text-xs text-slate-400">sent as “{normalOf(typed.raw)}”</div> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {Object.keys(fields).length === 0 ? <p className="text-sm text-slate-500">No field values.</p> : null}
        </Card>
      </div>
      <Card title="What the source sent and got back">
        <HttpExchange request={data.request} response={data.response} title="Submission" />
        {data.submitted ? (
          <details className="mt-3">
            <summary className="cursor-pointer text-sm font-medium text-slate-700">Parsed submitted data</summary>
            <div className="mt-2">
              <JsonView value={data.submitted} label="Submitted data" />
            </div>
          </details>
        ) : null}
      </Card>
    </div>
  );
}
