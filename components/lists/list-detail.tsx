"use client";
// One suppression list: its items (newest first), search by prefix or exact value, add or remove
// values by hand, and CSV upload.
import { useState } from "react";
import { errorText } from "@/components/api/client";
import type { SuppressionList } from "@/components/api/types";
import { useAddItems, useListItems, useListLookup, useRemoveItems } from "@/components/api/use-lists";
import { Badge } from "@/components/ui/badge";
import { Button, IconButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { QueryState } from "@/components/ui/query-state";
import { useToast } from "@/components/ui/toast";
import { CsvUpload } from "./csv-upload";
import { TableHead } from "@/components/ui/table-head";

export function ListDetail({ list }: { list: SuppressionList }) {
  const [search, setSearch] = useState("");
  const [mode, setMode] = useState<"prefix" | "exact">("prefix");
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const term = search.trim();
  const items = useListItems(list.id, mode === "prefix" ? { prefix: term || undefined, cursor } : { cursor });
  const lookup = useListLookup(list.id, mode === "exact" ? term : "");
  const remove = useRemoveItems(list.id);
  const toast = useToast();
  return (
    <div className="flex flex-col gap-4">
      <Card title="Search this list" description={`${list.item_count.toLocaleString()} values. Values are stored trimmed and lower-cased.`}>
        <div className="mb-3 flex flex-wrap items-end gap-2">
          <Field label="Search values" className="flex-1">
            {(p) => (
              <Input
                {...p}
                type="search"
                value={search}
                placeholder={mode === "prefix" ? "Starts with… (e.g. 512)" : "Exact value"}
                onChange={(e) => {
                  setSearch(e.target.value);
                  setCursors([]);
                }}
              />
            )}
          </Field>
          <Field label="Match">
            {(p) => (
              <Select {...p} value={mode} onChange={(e) => setMode(e.target.value as "prefix" | "exact")} className="w-40">
                <option value="prefix">starts with</option>
                <option value="exact">exact value</option>
              </Select>
            )}
          </Field>
        </div>
        {mode === "exact" ? (
          term === "" ? (
            <p className="text-sm text-slate-500">Type a value to check whether it is in the list.</p>
          ) : lookup.data ? (
            <p className="text-sm" role="status">
              {lookup.data.found ? (
                <>
                  <Badge tone="red">In the list</Badge> <span className="font-mono">{lookup.data.value}</span>
                  {lookup.data.added_at ? ` · added ${new Date(lookup.data.added_at).toLocaleString()}` : ""}
                </>
              ) : (
                <>
                  <Badge tone="green">Not in the list</Badge> <span className="font-mono">{lookup.data.value}</span>
                </>
              )}
            </p>
          ) : (
            <QueryState query={lookup} label="the look-up" />
          )
        ) : (
          <>
            <QueryState query={items} label="values" />
            {items.data ? (
              items.data.data.length === 0 ? (
                <p className="text-sm text-slate-500">{term ? "No values start with that." : "This list is empty. Add values or upload a CSV."}</p>
              ) : (
                <table className="w-full text-sm">
                  <TableHead columns={["Value", "Added", "Expires"]} actions dense />
                  <tbody className="divide-y divide-slate-100">
                    {items.data.data.map((it) => (
                      <tr key={it.value}>
                        <td className="py-1.5 font-mono">{it.value}</td>
                        <td className="py-1.5 text-slate-600">{new Date(it.added_at).toLocaleString()}</td>
                        <td className="py-1.5 text-slate-600">{it.expires_at ? new Date(it.expires_at).toLocaleString() : "never"}</td>
                        <td className="py-1.5 text-right">
                          <IconButton
                            label={`Remove ${it.value}`}
                            onClick={() =>
                              remove.mutate([it.value], {
                                onSuccess: () => toast(`Removed ${it.value}`, "success"),
                                onError: (e) => toast(errorText(e), "error"),
                              })
                            }
                          >
                            ✕
                          </IconButton>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )
            ) : null}
            <div className="mt-3 flex gap-2">
              <Button size="xs" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
                Previous
              </Button>
              <Button size="xs" disabled={!items.data?.next_cursor} onClick={() => items.data?.next_cursor && setCursors([...cursors, items.data.next_cursor])}>
                Next
              </Button>
            </div>
          </>
        )}
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Add values" description="One per line or comma-separated; at most 10,000 at a time.">
          <AddValues list={list} />
        </Card>
        <Card title="Upload a CSV" description="Large files are imported in the background; this page shows the progress and a summary.">
          <CsvUpload listId={list.id} kind={list.kind} />
        </Card>
      </div>
    </div>
  );
}

function AddValues({ list }: { list: SuppressionList }) {
  const [text, setText] = useState("");
  const [normalize, setNormalize] = useState<"none" | "phone" | "email">(list.kind === "dnc" ? "phone" : "none");
  const add = useAddItems(list.id);
  const toast = useToast();
  const values = text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
  return (
    <div className="flex flex-col gap-3">
      <Field label="Values">{(p) => <Textarea {...p} rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder={"ann@example.com\n5127891111"} />}</Field>
      <div className="flex items-end gap-2">
        <Field label="Normalize as" className="flex-1">
          {(p) => (
            <Select {...p} value={normalize} onChange={(e) => setNormalize(e.target.value as typeof normalize)}>
              <option value="none">trim and lower-case only</option>
              <option value="phone">phone numbers</option>
              <option value="email">email addresses</option>
            </Select>
          )}
        </Field>
        <Button
          variant="primary"
          disabled={values.length === 0}
          pending={add.isPending}
          onClick={() =>
            add.mutate(
              { values, normalize },
              {
                onSuccess: (r) => {
                  toast(`Added ${r.added}, ${r.already_present} already present${r.invalid?.length ? `, ${r.invalid.length} invalid` : ""}`, "success");
                  setText("");
                },
                onError: (e) => toast(errorText(e), "error"),
              },
            )
          }
        >
          Add {values.length || ""} value{values.length === 1 ? "" : "s"}
        </Button>
      </div>
    </div>
  );
}
