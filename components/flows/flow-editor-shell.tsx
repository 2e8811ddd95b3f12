"use client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useMemo } from "react";
import { errorText } from "@/components/api/client";
import { useCan } from "@/components/api/use-me";
import { useDeployFlow, usePatchFlow } from "@/components/api/use-flows";
import { VariableCatalogProvider, useVariableCatalog } from "@/components/rule-builder";
import { Badge } from "@/components/ui/badge";
import { deployedText } from "@/components/ui/relative-time";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Switch } from "@/components/ui/input";
import { IssuesProvider } from "@/components/ui/issues";
import { QueryState } from "@/components/ui/query-state";
import { useToast } from "@/components/ui/toast";
import { EDITOR_PAGES, describePath, pageForPath } from "./document";
import { FlowEditorProvider, useFlowEditor } from "./flow-editor-provider";
import { stepVariables } from "./step-variables";

export function FlowEditorShell({ flowId, children }: { flowId: string; children: React.ReactNode }) {
  return (
    <FlowEditorProvider flowId={flowId}>
      <EditorFrame>{children}</EditorFrame>
    </FlowEditorProvider>
  );
}

function EditorFrame({ children }: { children: React.ReactNode }) {
  const editor = useFlowEditor();
  const { flow, draft, query, issues } = editor;
  const extra = useMemo(() => stepVariables(draft), [draft]);
  const catalog = useVariableCatalog(draft?.fields ?? [], extra);
  if (!flow || !draft) {
    return (
      <div>
        <Link href="/flows" className="text-sm text-brand-700 hover:underline">
          ← All flows
        </Link>
        <QueryState query={query} label="the flow" />
      </div>
    );
  }
  return (
    <IssuesProvider issues={issues}>
      <VariableCatalogProvider catalog={catalog}>
        <div className="flex flex-col gap-4">
          <EditorHeader />
          <EditorNav />
          <EditorBanners />
          <div>{children}</div>
        </div>
      </VariableCatalogProvider>
    </IssuesProvider>
  );
}

function EditorHeader() {
  const { flow, flowId, dirty, save, saving, discard, draft } = useFlowEditor();
  const canEdit = useCan("editor");
  const patch = usePatchFlow(flowId);
  const deploy = useDeployFlow(flowId);
  const toast = useToast();
  if (!flow) return null;
  return (
    <div className="sticky top-0 z-20 -mx-8 -mt-8 border-b border-slate-200 bg-white/95 px-8 pt-5 pb-3 backdrop-blur">
      <Link href="/flows" className="text-xs text-brand-700 hover:underline">
        ← All flows
      </Link>
      <div className="mt-1 flex flex-wrap items-center justify-between gap-3">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <h1 className="truncate text-xl font-semibold tracking-tight">{draft?.name || flow.name}</h1>
          <Badge tone={flow.enabled ? "green" : "gray"}>{flow.enabled ? "Enabled" : "Disabled"}</Badge>
          {flow.deployed_version ? (
            <span title={deployedText(flow.deployed_at, flow.deployed_version)}>
              <Badge tone="blue">Live: version {flow.deployed_version}</Badge>
            </span>
          ) : (
            <Badge tone="amber">Not deployed</Badge>
          )}
          {flow.has_undeployed_changes && flow.deployed_version ? <Badge tone="amber">Version {flow.version} not deployed</Badge> : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Switch
            checked={flow.enabled}
            disabled={!canEdit || patch.isPending}
            label="Accepting leads"
            onChange={(enabled) =>
              patch.mutate(
                { enabled },
                {
                  onSuccess: () => toast(enabled ? "Flow enabled: leads are processed" : "Flow disabled: new leads get outcome error", "success"),
                  onError: (e) => toast(errorText(e), "error"),
                },
              )
            }
          />
          <span className="mx-1 h-6 w-px bg-slate-200" aria-hidden />
          <span className={cn("text-xs", dirty ? "font-medium text-amber-700" : "text-slate-500")} role="status">
            {saving ? "Saving…" : dirty ? "Unsaved changes" : `Saved · version ${flow.version}`}
          </span>
          {canEdit ? (
            <>
              {dirty ? (
                <Button size="sm" variant="ghost" onClick={() => window.confirm("Discard all unsaved changes to this flow?") && discard()}>
                  Discard changes
                </Button>
              ) : null}
              {!dirty && flow.has_undeployed_changes ? (
                <Button
                  size="sm"
                  pending={deploy.isPending}
                  onClick={() =>
                    deploy.mutate(undefined, {
                      onSuccess: (r) => toast(r.message ?? "Deployed", "success"),
                      onError: (e) => toast(errorText(e), "error"),
                    })
                  }
                >
                  Deploy version {flow.version}
                </Button>
              ) : null}
              <Button size="sm" disabled={!dirty} pending={saving} onClick={() => save({ deploy: true })}>
                Save &amp; deploy
              </Button>
              <Button size="sm" variant="primary" disabled={!dirty} pending={saving} onClick={() => save()}>
                Save
              </Button>
            </>
          ) : (
            <Badge>Read only</Badge>
          )}
        </div>
      </div>
    </div>
  );
}

function EditorNav() {
  const { flowId, issues } = useFlowEditor();
  const pathname = usePathname();
  const counts = new Map<string, number>();
  for (const i of issues) counts.set(pageForPath(i.path), (counts.get(pageForPath(i.path)) ?? 0) + 1);
  return (
    <nav aria-label="Flow editor" className="-mt-1 flex flex-wrap gap-1 border-b border-slate-200">
      {EDITOR_PAGES.map((p) => {
        const href = p.slug ? `/flows/${flowId}/${p.slug}` : `/flows/${flowId}`;
        const active = pathname === href;
        const n = counts.get(p.slug) ?? 0;
        return (
          <Link
            key={p.slug}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm font-medium",
              active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800",
            )}
          >
            {p.label}
            {n ? (
              <span className="rounded-full bg-red-100 px-1.5 text-xs text-red-700" aria-label={`${n} problems`}>
                {n}
              </span>
            ) : null}
          </Link>
        );
      })}
    </nav>
  );
}

function EditorBanners() {
  const { flowId, flow, issues, conflict, saveError, restoredAt, dismissRestored, discard, save, query, draft, baseVersion } = useFlowEditor();
  const router = useRouter();
  const pathname = usePathname();

  // After jumping to an issue's page, bring its control into view.
  useEffect(() => {
    const hash = window.location.hash;
    if (!hash.startsWith("#issue=")) return;
    const path = decodeURIComponent(hash.slice(7));
    const t = setTimeout(() => {
      const el = document.querySelector(`[data-issue-path="${CSS.escape(path)}"]`);
      if (el) {
        el.scrollIntoView({ block: "center", behavior: "smooth" });
        (el.querySelector("input,select,textarea,button") as HTMLElement | null)?.focus({ preventScroll: true });
      }
    }, 150);
    return () => clearTimeout(t);
  }, [pathname, issues]);

  return (
    <>
      {restoredAt ? (
        <Notice tone="info">
          <div className="flex items-center justify-between gap-3">
            <span>
              Restored unsaved changes from {new Date(restoredAt).toLocaleString()} (based on version {baseVersion}). Save them, or discard to load the saved flow.
              {flow && baseVersion !== null && flow.version > baseVersion ? ` The flow has been saved since (version ${flow.version}): saving will show you the conflict first.` : ""}
            </span>
            <Button size="xs" variant="ghost" onClick={dismissRestored}>
              OK
            </Button>
          </div>
        </Notice>
      ) : null}
      {conflict ? (
        <Notice tone="warn" title="Someone else saved this flow while you were editing">
          <p>
            {conflict.currentVersion ? `Version ${conflict.currentVersion} is now the latest; ` : ""}your changes are based on version {baseVersion} and have not been saved. Nothing
            was overwritten, and your changes are still here.
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            {conflict.currentVersion && baseVersion ? (
              <Button size="xs" onClick={() => router.push(`/flows/${flowId}?compare=${conflict.currentVersion}&against=${baseVersion}`)}>
                See what they changed
              </Button>
            ) : null}
            <Button
              size="xs"
              variant="danger"
              onClick={() => window.confirm("Save your version over theirs? Their changes stay in the version history.") && save({ overwrite: true })}
            >
              Save mine over theirs
            </Button>
            <Button
              size="xs"
              onClick={async () => {
                if (!window.confirm("Throw away your changes and load the latest version?")) return;
                const fresh = await query.refetch();
                if (fresh.data) discard(fresh.data);
              }}
            >
              Discard mine, load theirs
            </Button>
          </div>
        </Notice>
      ) : null}
      {saveError ? (
        <Notice tone="error" title="The flow was not saved">
          {saveError} Your changes are kept in this browser; try saving again.
        </Notice>
      ) : null}
      {issues.length ? (
        <Notice tone="error" title={`${issues.length} problem${issues.length === 1 ? "" : "s"} stopped the save`}>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {issues.slice(0, 12).map((i, n) => {
              const page = pageForPath(i.path);
              const href = `${page ? `/flows/${flowId}/${page}` : `/flows/${flowId}`}#issue=${encodeURIComponent(i.path)}`;
              return (
                <li key={n}>
                  <Link href={href} className="font-medium underline underline-offset-2">
                    {i.path ? describePath(i.path, draft) : "Flow"}
                  </Link>
                  : {i.message}
                </li>
              );
            })}
            {issues.length > 12 ? <li>…and {issues.length - 12} more</li> : null}
          </ul>
        </Notice>
      ) : null}
    </>
  );
}
