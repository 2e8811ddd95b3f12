"use client";
// Holds the draft of one flow while a person moves between the editor pages, and saves it
// safely: the save names the version it was based on (409 version_conflict → the person decides,
// nothing is overwritten silently), 422 issues are shown at their controls, and the draft is kept
// in this browser until it is saved, so a failed save, a reload or a crash loses nothing typed.
// Before a save the draft is checked with the API's own schema; its issues and the API's 422
// issues take the same way to the controls (`refuse`).
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { ApiError, type ApiIssue } from "@/components/api/client";
import type { FlowDocument, FlowResource } from "@/components/api/types";
import { useFlow, useSaveFlow } from "@/components/api/use-flows";
import { useToast } from "@/components/ui/toast";
import { draftIssues } from "./check-draft";
import { documentOf, stableJson, withIds } from "./document";

interface StoredDraft {
  baseVersion: number;
  draft: FlowDocument;
  savedAt: string;
}

export interface Conflict {
  currentVersion: number | null;
  message: string;
}

export interface FlowEditorState {
  flowId: string;
  flow: FlowResource | undefined;
  query: ReturnType<typeof useFlow>;
  draft: FlowDocument | null;
  /** The version the draft is based on; sent with every save. */
  baseVersion: number | null;
  dirty: boolean;
  update: (fn: (doc: FlowDocument) => FlowDocument) => void;
  save: (opts?: { deploy?: boolean; overwrite?: boolean }) => Promise<boolean>;
  saving: boolean;
  /** The flow was renamed (PATCH, no new version): the draft and its base take the new name. */
  renamed: (name: string) => void;
  /** Back to the server's document; pass a freshly fetched flow after a conflict. */
  discard: (fresh?: FlowResource) => void;
  issues: ApiIssue[];
  conflict: Conflict | null;
  saveError: string | null;
  restoredAt: string | null;
  dismissRestored: () => void;
}

const Ctx = createContext<FlowEditorState | null>(null);

export function useFlowEditor(): FlowEditorState {
  const v = useContext(Ctx);
  if (!v) throw new Error("useFlowEditor outside FlowEditorProvider");
  return v;
}

const storageKey = (id: string) => `leadflow:flow-draft:${id}`;

function forget(id: string) {
  try {
    localStorage.removeItem(storageKey(id));
  } catch {
    /* storage disabled */
  }
}

function readStored(id: string): StoredDraft | null {
  try {
    const raw = localStorage.getItem(storageKey(id));
    return raw ? (JSON.parse(raw) as StoredDraft) : null;
  } catch {
    return null;
  }
}

export function FlowEditorProvider({ flowId, children }: { flowId: string; children: React.ReactNode }) {
  const query = useFlow(flowId);
  const saveMutation = useSaveFlow(flowId);
  const toast = useToast();
  const flow = query.data;

  const [base, setBase] = useState<FlowDocument | null>(null);
  const [baseVersion, setBaseVersion] = useState<number | null>(null);
  const [draft, setDraft] = useState<FlowDocument | null>(null);
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const draftRef = useRef<FlowDocument | null>(null);
  const pendingWrite = useRef<(() => void) | null>(null);
  draftRef.current = draft;

  const baseJson = useMemo(() => (base ? stableJson(base) : ""), [base]);
  const draftJson = useMemo(() => (draft ? stableJson(draft) : ""), [draft]);
  const dirty = Boolean(draft && base && draftJson !== baseJson);

  // Adopt the server's document: at first load (restoring a stored draft if there is one), and
  // after later refetches only while nothing is being edited.
  useEffect(() => {
    if (!flow) return;
    const serverDoc = documentOf(flow);
    if (base === null) {
      const stored = readStored(flowId);
      setBase(serverDoc);
      if (stored && stableJson(withIds(stored.draft)) !== stableJson(serverDoc)) {
        setDraft(withIds(stored.draft));
        setBaseVersion(stored.baseVersion);
        setRestoredAt(stored.savedAt);
      } else {
        setDraft(serverDoc);
        setBaseVersion(flow.version);
      }
      return;
    }
    if (!dirty && (flow.version !== baseVersion || stableJson(serverDoc) !== baseJson)) {
      setBase(serverDoc);
      setDraft(serverDoc);
      setBaseVersion(flow.version);
    }
    // Only server changes should trigger this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [flow]);

  // Keep unsaved work in this browser; forget it once saved or discarded. Writes are debounced
  // while typing, and a pending write is flushed (not dropped) when the editor unmounts.
  useEffect(() => {
    if (!draft || baseVersion === null) return;
    const write = () => {
      try {
        if (dirty) localStorage.setItem(storageKey(flowId), JSON.stringify({ baseVersion, draft, savedAt: new Date().toISOString() } satisfies StoredDraft));
        else localStorage.removeItem(storageKey(flowId));
      } catch {
        /* storage full or disabled: the in-memory draft still survives page changes */
      }
    };
    pendingWrite.current = write;
    const t = setTimeout(() => {
      pendingWrite.current = null;
      write();
    }, 250);
    return () => clearTimeout(t);
  }, [draft, dirty, baseVersion, flowId]);
  useEffect(() => () => pendingWrite.current?.(), []);

  // Leaving the page (reload, close, another site) with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [dirty]);

  // In-app links that leave this flow's editor ask too; moving between its pages keeps the draft.
  useEffect(() => {
    if (!dirty) return;
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!a || a.target === "_blank" || a.hasAttribute("download")) return;
      const url = new URL(a.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      if (url.pathname === `/flows/${flowId}` || url.pathname.startsWith(`/flows/${flowId}/`)) return;
      const leave = window.confirm("This flow has unsaved changes. Leave without saving?\n\nYour changes stay stored in this browser and come back when you open the flow again.");
      if (!leave) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    document.addEventListener("click", onClick, true);
    return () => document.removeEventListener("click", onClick, true);
  }, [dirty, flowId]);

  const update = useCallback((fn: (doc: FlowDocument) => FlowDocument) => {
    setDraft((d) => (d ? fn(d) : d));
  }, []);

  /** A save refused for these issues, whether the browser or the API found them. */
  const refuse = useCallback(
    (found: ApiIssue[], message: string) => {
      const list = found.length ? found : [{ path: "", message }];
      setIssues(list);
      toast(`Not saved: ${list.length} problem${list.length === 1 ? "" : "s"} to fix`, "error");
    },
    [toast],
  );

  const save = useCallback(
    async ({ deploy = false, overwrite = false }: { deploy?: boolean; overwrite?: boolean } = {}) => {
      const sent = draftRef.current;
      if (!sent || baseVersion === null) return false;
      const version = overwrite && conflict?.currentVersion ? conflict.currentVersion : baseVersion;
      setSaveError(null);
      const local = draftIssues(sent);
      if (local.length) {
        refuse(local, "The flow is not valid");
        return false;
      }
      try {
        const saved = await saveMutation.mutateAsync({ doc: sent, version, deploy });
        const savedDoc = documentOf(saved);
        setIssues([]);
        setConflict(null);
        setBase(savedDoc);
        setBaseVersion(saved.version);
        // Edits made while the request was in flight are kept; otherwise take the server's copy
        // (it carries the ids the server assigned).
        setDraft((current) => (current === sent ? savedDoc : current));
        if (draftRef.current === sent) forget(flowId);
        setRestoredAt(null);
        toast(deploy ? `Saved version ${saved.version} and deployed it` : `Saved version ${saved.version}`, "success");
        return true;
      } catch (err) {
        if (err instanceof ApiError && err.code === "version_conflict") {
          setConflict({ currentVersion: err.currentVersion, message: err.message });
        } else if (err instanceof ApiError && err.code === "validation") {
          refuse(err.issues, err.message);
        } else {
          setSaveError(err instanceof Error ? err.message : "Save failed");
          toast("Not saved. Your changes are kept; try again.", "error");
        }
        return false;
      }
    },
    [baseVersion, conflict, saveMutation, toast, refuse],
  );

  const renamed = useCallback((name: string) => {
    setBase((b) => (b ? { ...b, name } : b));
    setDraft((d) => (d ? { ...d, name } : d));
  }, []);

  const discard = useCallback((fresh?: FlowResource) => {
    const source = fresh ?? flow;
    if (!source) return;
    const doc = documentOf(source);
    setBase(doc);
    setDraft(doc);
    setBaseVersion(source.version);
    setIssues([]);
    setConflict(null);
    setSaveError(null);
    setRestoredAt(null);
    forget(flowId);
  }, [flow, flowId]);

  const value: FlowEditorState = {
    flowId,
    flow,
    query,
    draft,
    baseVersion,
    dirty,
    update,
    save,
    saving: saveMutation.isPending,
    renamed,
    discard,
    issues,
    conflict,
    saveError,
    restoredAt,
    dismissRestored: () => setRestoredAt(null),
  };
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
