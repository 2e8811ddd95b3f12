"use client";
// Suppression (spec 04 §2): the duplicate check, then list checks in order; the first match
// rejects the lead. Lists themselves (values, CSV upload, search) are managed in a dialog so the
// draft stays open.
import { useMemo, useState } from "react";
import type { FlowDocument, SuppressionList } from "@/components/api/types";
import { useFields } from "@/components/api/use-catalog";
import { useLists } from "@/components/api/use-lists";
import { ListDetail } from "@/components/lists/list-detail";
import { CreateListDialog, KIND_LABELS, ListsTable } from "@/components/lists/lists-table";
import { Button, IconButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select, Switch } from "@/components/ui/input";
import { useIssues } from "@/components/ui/issues";
import { useFlowEditor } from "./flow-editor-provider";
import { newShortId } from "@/lib/ids";
import { CheckboxGroup } from "./multi-select";

type Suppression = NonNullable<FlowDocument["suppression"]>;
type Duplicate = NonNullable<Suppression["duplicate"]>;
type ListCheck = Suppression["lists"][number];
const INTERVALS = ["minute", "hour", "day", "week", "month", "year"] as const;

/** The fields a list check of each kind usually looks up (spec 04 §2: DNC lists hold phones). */
function defaultFields(kind: ListCheck["kind"], flowFields: readonly string[]): string[] {
  if (kind === "dnc") return flowFields.filter((f) => /^phone_\d$/.test(f));
  if (kind === "customer") return flowFields.filter((f) => f === "email" || f === "phone_1");
  return [];
}

export function SuppressionEditor() {
  const { draft, update } = useFlowEditor();
  const fields = useFields().data ?? [];
  const lists = useLists().data ?? [];
  const issues = useIssues();
  const [managing, setManaging] = useState<SuppressionList | null>(null);
  const [creating, setCreating] = useState(false);
  const fieldOptions = useMemo(() => (draft?.fields ?? []).map((id) => ({ value: id, label: fields.find((f) => f.id === id)?.name ?? id })), [draft?.fields, fields]);
  if (!draft) return null;
  const supp: Suppression = draft.suppression ?? { duplicate: null, lists: [] };
  const set = (next: Suppression) => update((d) => ({ ...d, suppression: !next.duplicate && next.lists.length === 0 ? null : next }));
  const dup = supp.duplicate;
  const setDup = (patch: Partial<Duplicate> | null) => set({ ...supp, duplicate: patch === null ? null : ({ ...(dup as Duplicate), ...patch } as Duplicate) });
  const setCheck = (i: number, patch: Partial<ListCheck>) => set({ ...supp, lists: supp.lists.map((l, j) => (j === i ? { ...l, ...patch } : l)) });

  return (
    <div className="flex flex-col gap-4">
      <Card title="Duplicate check" description="Rejects a lead when an accepted lead with the same values was seen within the look-back. Checked first.">
        {!dup ? (
          <div className="flex items-center gap-3">
            <p className="text-sm text-slate-500">Off: the same person can be bought again.</p>
            <Button
              size="sm"
              onClick={() =>
                setDup({
                  enabled: true,
                  fields: draft.fields.filter((f) => f === "email" || f === "phone_1").slice(0, 2).length ? draft.fields.filter((f) => f === "email" || f === "phone_1") : draft.fields.slice(0, 1),
                  match: "all",
                  lookback: { value: 30, interval: "day" },
                  scope: "flow",
                  reason: null,
                })
              }
            >
              Turn on duplicate check
            </Button>
          </div>
        ) : (
          <div className="flex flex-col gap-4" data-issue-path="suppression.duplicate">
            <div className="flex items-center justify-between">
              <Switch checked={dup.enabled} onChange={(enabled) => setDup({ enabled })} label="Check for duplicates" />
              <Button size="xs" variant="ghost" className="text-red-700" onClick={() => setDup(null)}>
                Remove duplicate check
              </Button>
            </div>
            <CheckboxGroup label="Fields compared" options={fieldOptions} value={dup.fields} onChange={(fields) => setDup({ fields })} error={issues.at("suppression.duplicate.fields")} />
            <div className="grid gap-3 sm:grid-cols-4">
              <Field label="Match" hint="All: one key from every field. Any: each field on its own.">
                {(p) => (
                  <Select {...p} value={dup.match} onChange={(e) => setDup({ match: e.target.value as Duplicate["match"] })}>
                    <option value="all">all fields together</option>
                    <option value="any">any one field</option>
                  </Select>
                )}
              </Field>
              <Field label="Look back" error={issues.at("suppression.duplicate.lookback.value")} path="suppression.duplicate.lookback.value">
                {(p) => (
                  <div className="flex gap-1">
                    <Input
                      {...p}
                      type="number"
                      min={1}
                      disabled={!dup.lookback}
                      value={dup.lookback?.value ?? ""}
                      onChange={(e) => setDup({ lookback: { value: Math.max(1, Number(e.target.value) || 1), interval: dup.lookback?.interval ?? "day" } })}
                      className="w-20"
                    />
                    <Select
                      aria-label="Look-back unit"
                      value={dup.lookback?.interval ?? "forever"}
                      onChange={(e) => setDup({ lookback: e.target.value === "forever" ? null : { value: dup.lookback?.value ?? 30, interval: e.target.value as (typeof INTERVALS)[number] } })}
                    >
                      {INTERVALS.map((u) => (
                        <option key={u} value={u}>
                          {u}s
                        </option>
                      ))}
                      <option value="forever">forever</option>
                    </Select>
                  </div>
                )}
              </Field>
              <Field label="Scope">
                {(p) => (
                  <Select {...p} value={dup.scope} onChange={(e) => setDup({ scope: e.target.value as Duplicate["scope"] })}>
                    <option value="flow">this flow</option>
                    <option value="account">all flows</option>
                  </Select>
                )}
              </Field>
              <Field label="Reason" hint="Blank: “Duplicate lead - seen N days ago”." path="suppression.duplicate.reason" error={issues.at("suppression.duplicate.reason")}>
                {(p) => <Input {...p} value={dup.reason ?? ""} onChange={(e) => setDup({ reason: e.target.value || null })} />}
              </Field>
            </div>
          </div>
        )}
      </Card>

      <Card
        title="List checks"
        description="Each check looks the chosen fields up in the chosen lists, in this order; the first match rejects the lead."
        actions={
          <Button size="sm" onClick={() => set({ ...supp, lists: [...supp.lists, { id: newShortId(), kind: "dnc", list_ids: [], fields: defaultFields("dnc", draft.fields), lookback: null, reason: null }] })}>
            + Add list check
          </Button>
        }
      >
        {supp.lists.length === 0 ? <p className="text-sm text-slate-500">No list checks.</p> : null}
        <ol className="flex flex-col gap-3">
          {supp.lists.map((check, i) => {
            const path = `suppression.lists.${i}`;
            const listOptions = lists.filter((l) => l.kind === check.kind || check.list_ids.includes(l.id)).map((l) => ({ value: l.id, label: `${l.name} (${l.item_count.toLocaleString()})` }));
            return (
              <li key={check.id ?? i} className="rounded-md border border-slate-200 p-3" data-issue-path={path} role="group" aria-label={`List check ${i + 1}`}>
                <div className="mb-3 flex items-center gap-2">
                  <span className="text-xs font-semibold text-slate-400">#{i + 1}</span>
                  <Select
                    aria-label={`List check ${i + 1} kind`}
                    value={check.kind}
                    onChange={(e) => {
                      const kind = e.target.value as ListCheck["kind"];
                      // Untouched defaults follow the kind; fields someone picked stay.
                      const untouched = check.fields.join() === defaultFields(check.kind, draft.fields).join();
                      setCheck(i, { kind, list_ids: [], fields: untouched ? defaultFields(kind, draft.fields) : check.fields });
                    }}
                    className="w-56"
                  >
                    {Object.entries(KIND_LABELS).map(([k, v]) => (
                      <option key={k} value={k}>
                        {v}
                      </option>
                    ))}
                  </Select>
                  <IconButton label={`Remove list check ${i + 1}`} className="ml-auto" onClick={() => set({ ...supp, lists: supp.lists.filter((_, j) => j !== i) })}>
                    ✕
                  </IconButton>
                </div>
                <div className="grid gap-3 md:grid-cols-2">
                  <CheckboxGroup label="Lists" options={listOptions} value={check.list_ids} onChange={(list_ids) => setCheck(i, { list_ids })} error={issues.at(`${path}.list_ids`)} />
                  <CheckboxGroup label="Fields looked up" options={fieldOptions} value={check.fields} onChange={(fields) => setCheck(i, { fields })} error={issues.at(`${path}.fields`)} />
                  <Field label="Reason" className="md:col-span-2" path={`${path}.reason`} error={issues.at(`${path}.reason`)}>
                    {(p) => <Input {...p} value={check.reason ?? ""} placeholder="Phone on DNC list" onChange={(e) => setCheck(i, { reason: e.target.value || null })} />}
                  </Field>
                </div>
              </li>
            );
          })}
        </ol>
      </Card>

      <Card
        title="Suppression lists"
        description="Shared by all flows. Open a list to search it, add values or upload a CSV."
        actions={
          <Button size="sm" onClick={() => setCreating(true)}>
            New list
          </Button>
        }
      >
        <ListsTable onOpen={setManaging} />
      </Card>
      <Dialog open={managing !== null} onClose={() => setManaging(null)} title={managing ? `List: ${managing.name}` : "List"} wide>
        {managing ? <ListDetail list={lists.find((l) => l.id === managing.id) ?? managing} /> : null}
      </Dialog>
      <CreateListDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
