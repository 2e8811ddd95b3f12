"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, listOf, pageOf, type Query } from "./client";
import { qk } from "./keys";
import type { ListItem, SuppressionList, UploadJob } from "./types";

export function useLists() {
  return useQuery({
    queryKey: qk.lists,
    queryFn: async () => listOf<SuppressionList>(await api("/api/suppression-lists", { query: { limit: 500 } })),
  });
}

export function useList(id: string) {
  return useQuery({ queryKey: qk.list(id), queryFn: () => api<SuppressionList>(`/api/suppression-lists/${id}`) });
}

/** Items newest first, or a prefix search (spec 07 §2.7). */
export function useListItems(id: string, query: Query) {
  return useQuery({
    queryKey: qk.listItems(id, query),
    queryFn: async () => pageOf<ListItem>(await api(`/api/suppression-lists/${id}/items`, { query: { limit: 20, ...query } })),
  });
}

/** Exact look-up: `?value=x` answers `{value, found, added_at}`. */
export function useListLookup(id: string, value: string) {
  return useQuery({
    queryKey: qk.listItems(id, { value }),
    queryFn: () => api<{ value: string; found: boolean; added_at?: string }>(`/api/suppression-lists/${id}/items`, { query: { value } }),
    enabled: value.trim() !== "",
  });
}

function useInvalidateLists() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: qk.lists });
}

export function useCreateList() {
  const invalidate = useInvalidateLists();
  return useMutation({
    mutationFn: (body: { name: string; kind: SuppressionList["kind"]; description?: string }) =>
      api<SuppressionList>("/api/suppression-lists", { method: "POST", body }),
    onSuccess: invalidate,
  });
}

export function useDeleteList() {
  const invalidate = useInvalidateLists();
  return useMutation({ mutationFn: (id: string) => api(`/api/suppression-lists/${id}`, { method: "DELETE" }), onSuccess: invalidate });
}

export function useAddItems(id: string) {
  const invalidate = useInvalidateLists();
  return useMutation({
    mutationFn: (body: { values: string[]; normalize: "none" | "phone" | "email" }) =>
      api<{ added: number; already_present: number; invalid: unknown[] }>(`/api/suppression-lists/${id}/items`, { method: "POST", body }),
    onSuccess: invalidate,
  });
}

export function useRemoveItems(id: string) {
  const invalidate = useInvalidateLists();
  return useMutation({
    mutationFn: (values: string[]) =>
      api<{ removed: number; not_found: number }>(`/api/suppression-lists/${id}/items`, { method: "DELETE", body: { values } }),
    onSuccess: invalidate,
  });
}

export function useUploadJob(listId: string, jobId: string | null) {
  return useQuery({
    queryKey: ["suppression-lists", listId, "upload", jobId],
    queryFn: () => api<UploadJob>(`/api/suppression-lists/${listId}/uploads/${jobId}`),
    enabled: Boolean(jobId),
    // Poll while the import runs; stop once it has a final status.
    refetchInterval: (q) => (q.state.data && q.state.data.status !== "running" ? false : 1000),
  });
}
