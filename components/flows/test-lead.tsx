"use client";
// Test a lead against the CURRENT DRAFT without side effects (spec 07 §2.8 replay: nothing is
// written, caps are read-only, recipients are not called and show what would have been sent).
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { ApiError, errorText } from "@/components/api/client";
import type { ReplayResult } from "@/components/api/types";
import { useFields } from "@/components/api/use-catalog";
import { useLeads, useReplay, useTestLead } from "@/components/api/use-leads";
import { Timeline, formatMoney } from "@/components/timeline";
import { OutcomeBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { QueryState } from "@/components/ui/query-state";
import { Tabs } from "@/components/ui/tabs";
import { useFlowEditor } from "./flow-editor-provider";

type Mode = "stored" | "new";

export function TestLead() {
  const { draft, flowId, dirty } = useFlowEditor();
  const [mode, setMode] = useState<Mode>("stored");
  const [result, setResult] = useState<ReplayResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!draft) return null;
  const stepNames = new Map(draft.steps.map((s) => [s.id ?? "", s.description || (s.type === "recipient" ? s.entity?.name : "") || s.type] as const));
  return (
    <div className="grid gap-4 xl:grid-cols-[26rem_1fr]">
      <Card title="Lead to test" description={`Runs against ${dirty ? "your unsaved draft" : "the latest saved version"}. Nothing is stored, counted or delivered.`}>
        <Tabs
          label="Test mode"
          value={mode}
          onChange={(m) => {
            setMode(m);
            setResult(null);
            setError(null);
          }}
          tabs={[
            { id: "stored", label: "A received lead" },
            { id: "new", label: "Paste or fill a lead" },
          ]}
        >
          {mode === "stored" ? (
            <StoredLead flowId={flowId} onResult={setResult} onError={setError} />
          ) : (
            <NewLead flowId={flowId} onResult={setResult} onError={setError} />
          )}
        </Tabs>
      </Card>
      <div className="flex min-w-0 flex-col gap-4">
        {error ? <TestError error={error} /> : null}
        {result ? (
          <>
            <Card title="Result">
              <dl className="grid grid-cols-3 gap-4" aria-label="Test result">
                <div>
                  <dt className="text-xs text-slate-500">Outcome</dt>
                  <dd className="mt-1">
                    <OutcomeBadge outcome={result.outcome} />
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">Price</dt>
                  <dd className="mt-1 text-lg font-semibold">{formatMoney(result.price)}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">Reason</dt>
                  <dd className="mt-1 text-sm">{result.reason ?? "—"}</dd>
                </div>
              </dl>
              {result.differences && Object.keys(result.differences).length ? (
                <Notice tone="warn" className="mt-3" title="Different from what happened to this lead">
                  <ul>
                    {Object.entries(result.differences).map(([k, [before, after]]) => (
                      <li key={k}>
                        {k}: {String(before)} → <strong>{String(after)}</strong>
                      </li>
                    ))}
                  </ul>
                </Notice>
              ) : null}
              {result.warnings?.length ? (
                <Notice tone="info" className="mt-3">
                  {result.warnings.join(" ")}
                </Notice>
              ) : null}
              {result.response?.body ? (
                <div className="mt-3">
                  <p className="mb-1 text-xs font-medium text-slate-500">The source would get (HTTP {result.response.status})</p>
                  <pre className="overflow-x-auto rounded bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100">{result.response.body}</pre>
                </div>
              ) : null}
            </Card>
            <Card title="What would happen, step by step" description="Recipients are not called: each shows the request it would have sent.">
              <Timeline events={result.events ?? []} stepNames={stepNames} label="Test events" />
            </Card>
          </>
        ) : !error ? (
          <Notice tone="info">Choose a lead and run the test to see the outcome, the price and every event.</Notice>
        ) : null}
      </div>
    </div>
  );
}

function TestError({ error }: { error: unknown }) {
  const { flowId } = useFlowEditor();
  if (error instanceof ApiError && error.code === "validation") {
    return (
      <Notice tone="error" title="The draft is not valid yet">
        <ul className="list-disc pl-5">
          {error.issues.map((i, n) => (
            <li key={n}>
              {i.path}: {i.message}
            </li>
          ))}
        </ul>
        <p className="mt-1">Save once to see each problem at its control.</p>
      </Notice>
    );
  }
  if (error instanceof ApiError && error.routeMissing) {
    return (
      <Notice tone="warn" title="This server cannot dry-run a new lead yet">
        Testing a pasted lead needs <code>POST /api/flows/{flowId}/test</code>. Use “A received lead” to replay a stored lead against your draft instead.
      </Notice>
    );
  }
  return <Notice tone="error">{errorText(error)}</Notice>;
}

function StoredLead({ flowId, onResult, onError }: { flowId: string; onResult: (r: ReplayResult) => void; onError: (e: unknown) => void }) {
  const { draft } = useFlowEditor();
  const leads = useLeads({ flow_id: flowId, limit: 10, start: new Date(Date.now() - 90 * 864e5).toISOString() });
  const replay = useReplay();
  // The lead page links here with ?lead=<id>.
  const initialLead = useSearchParams().get("lead") ?? "";
  const [leadId, setLeadId] = useState(initialLead);
  const [timestamp, setTimestamp] = useState<"now" | "original">("now");
  const chosen = leadId.trim();
  return (
    <div className="flex flex-col gap-3">
      <QueryState query={leads} label="recent leads" />
      {leads.data ? (
        leads.data.data.length ? (
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-slate-700">Recent leads of this flow</legend>
            <ul className="flex max-h-72 flex-col gap-1 overflow-y-auto">
              {leads.data.data.map((l) => (
                <li key={l.id}>
                  <label className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50">
                    <input type="radio" name="test-lead" checked={chosen === l.id} onChange={() => setLeadId(l.id)} className="accent-brand-600" />
                    <OutcomeBadge outcome={l.outcome} />
                    <span className="truncate">{[l.first_name, l.last_name].filter(Boolean).join(" ") || l.email || l.id}</span>
                    <span className="ml-auto text-xs text-slate-400">{new Date(l.submitted_at).toLocaleString()}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ) : (
          <p className="text-sm text-slate-500">No leads received yet. Paste a lead instead, or submit one to the source URL.</p>
        )
      ) : null}
      <Field label="Lead ID">{(p) => <Input {...p} value={leadId} onChange={(e) => setLeadId(e.target.value)} className="font-mono text-xs" placeholder="24-character lead id" />}</Field>
      <Field label="Submission time">
        {(p) => (
          <Select {...p} value={timestamp} onChange={(e) => setTimestamp(e.target.value as "now" | "original")}>
            <option value="now">now (current caps and hours)</option>
            <option value="original">when it was received</option>
          </Select>
        )}
      </Field>
      <Button
        variant="primary"
        disabled={!chosen || !draft}
        pending={replay.isPending}
        onClick={() => {
          onError(null);
          replay.mutate(
            { leadId: chosen, body: { document: draft, timestamp, services: "skip" } },
            { onSuccess: onResult, onError },
          );
        }}
      >
        Run test
      </Button>
      {chosen ? (
        <Link href={`/leads/${chosen}`} className="text-xs text-brand-700 underline">
          Open what really happened to this lead
        </Link>
      ) : null}
    </div>
  );
}

function NewLead({ flowId, onResult, onError }: { flowId: string; onResult: (r: ReplayResult) => void; onError: (e: unknown) => void }) {
  const { draft } = useFlowEditor();
  const fields = useFields().data ?? [];
  const test = useTestLead(flowId);
  const [values, setValues] = useState<Record<string, string>>({});
  const [json, setJson] = useState("");
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [sourceId, setSourceId] = useState(draft?.sources[0]?.entity.id ?? "");
  if (!draft) return null;
  function run() {
    let submitted: Record<string, unknown> = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ""));
    if (json.trim()) {
      try {
        const parsed = JSON.parse(json);
        if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("must be a JSON object");
        submitted = { ...submitted, ...parsed };
      } catch (e) {
        setJsonError(`Not valid JSON: ${(e as Error).message}`);
        return;
      }
    }
    setJsonError(null);
    onError(null);
    test.mutate({ source_id: sourceId, submitted, document: draft, timestamp: "now", services: "skip" }, { onSuccess: onResult, onError });
  }
  return (
    <div className="flex flex-col gap-3">
      <Field label="Source">
        {(p) => (
          <Select {...p} value={sourceId} onChange={(e) => setSourceId(e.target.value)}>
            {draft.sources.map((s) => (
              <option key={s.entity.id} value={s.entity.id}>
                {s.entity.name || s.entity.id}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {draft.fields.map((id) => (
        <Field key={id} label={fields.find((f) => f.id === id)?.name ?? id}>
          {(p) => <Input {...p} value={values[id] ?? ""} onChange={(e) => setValues({ ...values, [id]: e.target.value })} />}
        </Field>
      ))}
      <Field label="Or paste the submitted data as JSON" error={jsonError} hint="Merged over the fields above.">
        {(p) => <Textarea {...p} rows={5} value={json} onChange={(e) => setJson(e.target.value)} placeholder={'{"first_name":"Ann","state":"TX"}'} />}
      </Field>
      <Button variant="primary" pending={test.isPending} disabled={!sourceId} onClick={run}>
        Run test
      </Button>
    </div>
  );
}
