"use client";
// Settings: the account-level records flows refer to — fields, sources and recipients, pricing
// services — users and API tokens. The open section is in the URL (`?tab=users`).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { api, errorText, listOf } from "@/components/api/client";
import { qk } from "@/components/api/keys";
import type { FieldRecord } from "@/components/api/types";
import { useCreateEntity, useEntities, useFields, usePricingServices } from "@/components/api/use-catalog";
import { useCan } from "@/components/api/use-me";
import { PageHeader } from "@/components/layout/page-header";
import { pricingServiceCreateBodySchema } from "@/lib/schemas/pricing-service";
import { entityCreateBodySchema } from "@/lib/schemas/entity";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Checkbox, Field, Input, Select } from "@/components/ui/input";
import { QueryState } from "@/components/ui/query-state";
import { Tabs } from "@/components/ui/tabs";
import { useToast } from "@/components/ui/toast";
import { UsersSettings } from "./users";

const TABS = ["fields", "entities", "pricing", "users", "tokens"] as const;
type Tab = (typeof TABS)[number];

export function SettingsPage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const asked = params.get("tab") as Tab | null;
  const tab: Tab = asked && TABS.includes(asked) ? asked : "fields";
  const setTab = (next: Tab) => router.replace(next === "fields" ? pathname : `${pathname}?tab=${next}`, { scroll: false });
  const isAdmin = useCan("admin");
  return (
    <div>
      <PageHeader title="Settings" description="Fields, sources and recipients, pricing services, users and API tokens." />
      <Tabs
        label="Settings sections"
        value={tab}
        onChange={setTab}
        tabs={[
          { id: "fields", label: "Fields" },
          { id: "entities", label: "Sources & recipients" },
          { id: "pricing", label: "Pricing services" },
          // Everyone manages their own account here; the user list itself is for admins.
          { id: "users", label: "Users" },
          ...(isAdmin || tab === "tokens" ? [{ id: "tokens" as const, label: "API tokens" }] : []),
        ]}
      >
        {tab === "fields" ? <FieldsCatalog /> : null}
        {tab === "entities" ? <Entities /> : null}
        {tab === "pricing" ? <PricingServices /> : null}
        {tab === "users" ? <UsersSettings /> : null}
        {tab === "tokens" ? isAdmin ? <Tokens /> : <Notice tone="warn" title="Only admins manage API tokens">Ask an admin for a token.</Notice> : null}
      </Tabs>
    </div>
  );
}

function FieldsCatalog() {
  const fields = useFields();
  const [q, setQ] = useState("");
  const [custom, setCustom] = useState(false);
  const list = (fields.data ?? []).filter((f) => (!custom || !f.standard) && (!q || f.id.includes(q.toLowerCase()) || f.name.toLowerCase().includes(q.toLowerCase())));
  return (
    <Card title="Field catalogue" description="Standard fields are built in; custom fields are added from a flow's Fields page.">
      <div className="mb-3 flex items-center gap-3">
        <Input type="search" aria-label="Search fields" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search" className="w-64" />
        <Checkbox label="Custom only" checked={custom} onChange={(e) => setCustom(e.target.checked)} />
      </div>
      <QueryState query={fields} label="fields" />
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-xs text-slate-500">
            <th className="py-1 font-medium">Name</th>
            <th className="py-1 font-medium">Id</th>
            <th className="py-1 font-medium">Type</th>
            <th className="py-1 font-medium" />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.slice(0, 300).map((f: FieldRecord) => (
            <tr key={f.id}>
              <td className="py-1.5">{f.name}</td>
              <td className="py-1.5 font-mono text-xs">{f.id}</td>
              <td className="py-1.5 text-slate-600">{f.type}</td>
              <td className="py-1.5">{f.standard ? null : <Badge tone="violet">custom</Badge>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function Entities() {
  const entities = useEntities();
  const create = useCreateEntity();
  const toast = useToast();
  const [name, setName] = useState("");
  const [roles, setRoles] = useState<("source" | "recipient")[]>(["source"]);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
      <Card title="Sources and recipients" description="Organisations that send leads, receive them, or both. API keys are managed on a flow's Sources page.">
        <QueryState query={entities} label="entities" />
        <table className="w-full text-sm">
          <tbody className="divide-y divide-slate-100">
            {(entities.data ?? []).map((e) => (
              <tr key={e.id}>
                <td className="py-2 font-medium">{e.name}</td>
                <td className="py-2">
                  {e.roles.map((r) => (
                    <Badge key={r} tone={r === "source" ? "blue" : "violet"} className="mr-1">
                      {r}
                    </Badge>
                  ))}
                </td>
                <td className="py-2 text-xs text-slate-500">{e.flows?.map((f) => f.name).join(", ")}</td>
                <td className="py-2 font-mono text-xs text-slate-400">{e.id}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title="Add">
        <form
          className="flex flex-col gap-3"
          onSubmit={(ev) => {
            ev.preventDefault();
            const parsed = entityCreateBodySchema.safeParse({ name, roles });
            if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Check the form");
            setError(null);
            create.mutate(parsed.data, {
              onSuccess: (e) => {
                toast(`Added ${e.name}`, "success");
                setName("");
              },
              onError: (e) => setError(errorText(e)),
            });
          }}
        >
          <Field label="Name" error={error}>
            {(p) => <Input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <fieldset className="flex gap-4">
            <legend className="mb-1 text-sm font-medium text-slate-700">Roles</legend>
            {(["source", "recipient"] as const).map((r) => (
              <Checkbox key={r} label={r} checked={roles.includes(r)} onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))} />
            ))}
          </fieldset>
          <Button type="submit" variant="primary" pending={create.isPending}>
            Add
          </Button>
        </form>
      </Card>
    </div>
  );
}

function PricingServices() {
  const services = usePricingServices();
  const qc = useQueryClient();
  const toast = useToast();
  const [form, setForm] = useState({ name: "", url: "", timeout_ms: "2000", header: "", headerValue: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: (body: unknown) => api("/api/pricing-services", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: qk.pricingServices }),
  });
  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
      <Card title="Pricing services" description="External services asked for a lead's price: they get the lead as JSON and answer {&quot;price&quot;: 18.5}.">
        <QueryState query={services} label="pricing services" />
        {services.data?.length === 0 ? <p className="text-sm text-slate-500">None yet.</p> : null}
        <ul className="divide-y divide-slate-100 text-sm">
          {(services.data ?? []).map((s) => (
            <li key={s.id} className="py-2">
              <span className="font-medium">{s.name}</span> <span className="font-mono text-xs text-slate-500">{s.url}</span>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Add a service">
        <form
          className="flex flex-col gap-3"
          onSubmit={(ev) => {
            ev.preventDefault();
            const body = {
              name: form.name,
              url: form.url,
              timeout_ms: Number(form.timeout_ms) || 2000,
              headers: form.header ? { [form.header]: form.headerValue } : {},
            };
            const parsed = pricingServiceCreateBodySchema.safeParse(body);
            if (!parsed.success) return setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
            setErrors({});
            create.mutate(parsed.data, {
              onSuccess: () => {
                toast("Pricing service added", "success");
                setForm({ name: "", url: "", timeout_ms: "2000", header: "", headerValue: "" });
              },
              onError: (e) => setErrors({ url: errorText(e) }),
            });
          }}
        >
          <Field label="Name" error={errors.name}>
            {(p) => <Input {...p} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
          </Field>
          <Field label="URL" error={errors.url}>
            {(p) => <Input {...p} value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} placeholder="https://pricing.example.com/quote" />}
          </Field>
          <Field label="Time-out (ms)" error={errors.timeout_ms}>
            {(p) => <Input {...p} type="number" value={form.timeout_ms} onChange={(e) => setForm({ ...form, timeout_ms: e.target.value })} />}
          </Field>
          <Field label="Header name (optional)" error={errors.headers}>
            {(p) => <Input {...p} value={form.header} onChange={(e) => setForm({ ...form, header: e.target.value })} placeholder="X-API-Key" />}
          </Field>
          <Field label="Header value" hint="Stored as a secret; shown masked afterwards.">
            {(p) => <Input {...p} type="password" value={form.headerValue} onChange={(e) => setForm({ ...form, headerValue: e.target.value })} />}
          </Field>
          <Button type="submit" variant="primary" pending={create.isPending}>
            Add service
          </Button>
        </form>
      </Card>
    </div>
  );
}

interface Token {
  id: string;
  name: string;
  role: string;
  prefix: string;
  created_at: string;
  last_used_at?: string | null;
  expires_at?: string | null;
  revoked_at?: string | null;
}

function Tokens() {
  const qc = useQueryClient();
  const toast = useToast();
  const tokens = useQuery({ queryKey: qk.tokens, queryFn: async () => listOf<Token>(await api("/api/tokens")) });
  const create = useMutation({
    mutationFn: (body: { name: string; role: string }) => api<Token & { token: string }>("/api/tokens", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: qk.tokens }),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api/tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: qk.tokens }),
  });
  const [name, setName] = useState("");
  const [role, setRole] = useState("viewer");
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
      <Card title="API tokens" description="For scripts calling the admin API: send Authorization: Bearer <token>.">
        {secret ? (
          <Notice tone="success" title="Copy the new token now; it is not shown again" className="mb-3">
            <div className="flex items-center gap-2">
              <code className="font-mono text-xs break-all">{secret}</code>
              <CopyButton text={secret} label="Copy token" />
            </div>
          </Notice>
        ) : null}
        <QueryState query={tokens} label="tokens" />
        <table className="w-full text-sm">
          <tbody className="divide-y divide-slate-100">
            {(tokens.data ?? []).map((t) => (
              <tr key={t.id}>
                <td className="py-2 font-medium">{t.name}</td>
                <td className="py-2">
                  <Badge>{t.role}</Badge>
                </td>
                <td className="py-2 font-mono text-xs">{t.prefix}…</td>
                <td className="py-2 text-xs text-slate-500">{t.last_used_at ? `used ${new Date(t.last_used_at).toLocaleString()}` : "never used"}</td>
                <td className="py-2 text-right">
                  {t.revoked_at ? (
                    <Badge>revoked</Badge>
                  ) : (
                    <Button size="xs" variant="danger" onClick={() => window.confirm(`Revoke ${t.name}?`) && revoke.mutate(t.id, { onError: (e) => toast(errorText(e), "error") })}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title="New token">
        <form
          className="flex flex-col gap-3"
          onSubmit={(ev) => {
            ev.preventDefault();
            create.mutate({ name, role }, { onSuccess: (t) => (setSecret(t.token), setName("")), onError: (e) => toast(errorText(e), "error") });
          }}
        >
          <Field label="Token name">{(p) => <Input {...p} value={name} onChange={(e) => setName(e.target.value)} required />}</Field>
          <Field label="Role">
            {(p) => (
              <Select {...p} value={role} onChange={(e) => setRole(e.target.value)}>
                <option value="viewer">viewer (read only)</option>
                <option value="editor">editor</option>
                <option value="admin">admin</option>
              </Select>
            )}
          </Field>
          <Button type="submit" variant="primary" pending={create.isPending}>
            Create token
          </Button>
        </form>
      </Card>
    </div>
  );
}
