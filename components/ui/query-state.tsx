"use client";
import { errorText } from "@/components/api/client";
import { Button } from "./button";
import { Notice } from "./card";

export function Spinner({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="flex items-center gap-2 py-6 text-sm text-slate-500" role="status">
      <span className="size-4 animate-spin rounded-full border-2 border-slate-300 border-r-transparent" aria-hidden />
      {label}
    </div>
  );
}

/** The loading/error part of any query-driven view, with a retry. */
export function QueryState({ query, label }: { query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown }; label?: string }) {
  if (query.isPending) return <Spinner label={label ? `Loading ${label}…` : undefined} />;
  if (query.isError) {
    return (
      <Notice tone="error" title={label ? `Could not load ${label}` : "Could not load"}>
        <p>{errorText(query.error)}</p>
        <Button size="xs" className="mt-2" onClick={() => query.refetch()}>
          Try again
        </Button>
      </Notice>
    );
  }
  return null;
}
