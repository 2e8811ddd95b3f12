"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, listOf } from "./client";
import { qk } from "./keys";
import type { DiffChange, FlowDocument, FlowResource, FlowSummary, FlowVersion } from "./types";

export function useFlows() {
  return useQuery({ queryKey: qk.flows, queryFn: async () => listOf<FlowSummary>(await api("/api/flows", { query: { limit: 500 } })) });
}

export function useFlow(id: string, version?: number | "deployed") {
  return useQuery({
    queryKey: qk.flow(id, version),
    queryFn: () => api<FlowResource>(`/api/flows/${id}`, { query: { version } }),
    enabled: Boolean(id),
  });
}

export function useFlowVersions(id: string) {
  return useQuery({
    queryKey: qk.flowVersions(id),
    queryFn: async () => listOf<FlowVersion>(await api(`/api/flows/${id}/versions`, { query: { limit: 500 } })),
  });
}

export function useFlowDiff(id: string, version: number | null, against: number | null) {
  return useQuery({
    queryKey: qk.flowDiff(id, version ?? 0, against ?? 0),
    queryFn: async () => {
      const body = await api<{ changes?: DiffChange[] }>(`/api/flows/${id}/versions/${version}/diff`, { query: { against } });
      return body.changes ?? [];
    },
    enabled: version !== null && against !== null,
  });
}

function useInvalidateFlow(id?: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: qk.flows });
    if (id) void qc.invalidateQueries({ queryKey: ["flows", id] });
    void qc.invalidateQueries({ queryKey: ["caps"] });
  };
}

export function useCreateFlow() {
  const invalidate = useInvalidateFlow();
  return useMutation({
    mutationFn: (doc: Partial<FlowDocument> & { name: string }) => api<FlowResource>("/api/flows", { method: "POST", body: doc }),
    onSuccess: invalidate,
  });
}

export function useImportFlow() {
  const invalidate = useInvalidateFlow();
  return useMutation({
    mutationFn: (doc: unknown) =>
      api<FlowResource & { import_report?: { warnings?: string[]; created?: Record<string, unknown[]> } }>("/api/flows/import", {
        method: "POST",
        body: doc,
      }),
    onSuccess: invalidate,
  });
}

export function usePatchFlow(id: string) {
  const invalidate = useInvalidateFlow(id);
  return useMutation({
    mutationFn: (patch: { name?: string; enabled?: boolean }) => api<FlowResource>(`/api/flows/${id}`, { method: "PATCH", body: patch }),
    onSuccess: invalidate,
  });
}

/** Saves a new version based on `version`; the API answers 409 version_conflict when it is stale. */
export function useSaveFlow(id: string) {
  const invalidate = useInvalidateFlow(id);
  return useMutation({
    mutationFn: ({ doc, version, deploy }: { doc: FlowDocument; version: number; deploy?: boolean }) =>
      api<FlowResource>(`/api/flows/${id}`, { method: "PUT", body: { ...doc, version }, query: { deploy: deploy ? "true" : undefined } }),
    onSuccess: invalidate,
  });
}

export function useDeployFlow(id: string) {
  const invalidate = useInvalidateFlow(id);
  return useMutation({
    mutationFn: (version?: number) =>
      api<{ message: string; deployed_version: number }>(`/api/flows/${id}/deploy`, { method: "POST", body: version ? { version } : {} }),
    onSuccess: invalidate,
  });
}

export function useRollbackFlow(id: string) {
  const invalidate = useInvalidateFlow(id);
  return useMutation({
    mutationFn: ({ version, deploy }: { version: number; deploy: boolean }) =>
      api<FlowResource>(`/api/flows/${id}/rollback`, { method: "POST", body: { version, deploy } }),
    onSuccess: invalidate,
  });
}

export function useDeleteFlow(id: string) {
  const invalidate = useInvalidateFlow(id);
  return useMutation({ mutationFn: () => api(`/api/flows/${id}`, { method: "DELETE" }), onSuccess: invalidate });
}
