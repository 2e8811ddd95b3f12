"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, listOf, type Query } from "./client";
import { qk } from "./keys";
import type { CapCounter, CapFillRow, PriceDistribution, RejectionRow, StatsReport } from "./types";

function report<T>(kind: string, query: Query, enabled = true, map?: (body: unknown) => T) {
  return {
    queryKey: qk.report(kind, query),
    queryFn: async () => {
      const body = await api(`/api/reports/${kind}`, { query });
      return map ? map(body) : (body as T);
    },
    placeholderData: keepPreviousData,
    enabled,
  };
}

export function useStats(query: Query, enabled = true) {
  return useQuery(report<StatsReport>("stats", query, enabled));
}

export function useVolume(query: Query, enabled = true) {
  return useQuery(report<StatsReport>("volume", query, enabled));
}

export function useRejectionReasons(query: Query, enabled = true) {
  return useQuery(report<RejectionRow[]>("rejection-reasons", query, enabled, (b) => listOf<RejectionRow>((b as { rows?: unknown })?.rows ?? b)));
}

export function usePriceDistribution(query: Query, enabled = true) {
  return useQuery(report<PriceDistribution>("price-distribution", query, enabled));
}

export function useCapFill(query: Query, enabled = true) {
  return useQuery(report<CapFillRow[]>("cap-fill", query, enabled, (b) => listOf<CapFillRow>((b as { rows?: unknown })?.rows ?? b)));
}

/** Live cap counters of the deployed version (spec 07 §2.9), idle caps included. */
export function useCapCounters(flowId: string) {
  return useQuery({
    queryKey: qk.caps(flowId),
    queryFn: async () => listOf<CapCounter>(await api("/api/caps", { query: { flow_id: flowId, include_idle: "true", limit: 500 } })),
    enabled: Boolean(flowId),
    refetchInterval: 30_000,
    retry: false,
  });
}

/** A saved report (spec 08 §4.8): parameters of one report endpoint, without start/end. */
export interface SavedReport {
  id: string;
  name: string;
  description: string;
  endpoint: "stats" | "rejection-reasons" | "price-distribution" | "cap-fill" | "step-outcomes" | "volume";
  params: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export type SavedReportBody = Pick<SavedReport, "name" | "description" | "endpoint" | "params">;

export function useSavedReports() {
  return useQuery({
    queryKey: qk.savedReports,
    queryFn: async () => listOf<SavedReport>(await api("/api/saved-reports", { query: { limit: 500 } })),
  });
}

function useInvalidateSaved() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: qk.savedReports });
}

export function useCreateSavedReport() {
  const invalidate = useInvalidateSaved();
  return useMutation({ mutationFn: (body: SavedReportBody) => api<SavedReport>("/api/saved-reports", { method: "POST", body }), onSuccess: invalidate });
}

/** PUT replaces the whole report: rename and "save changes" both send every field. */
export function useUpdateSavedReport() {
  const invalidate = useInvalidateSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: SavedReportBody & { id: string }) => api<SavedReport>(`/api/saved-reports/${id}`, { method: "PUT", body }),
    onSuccess: invalidate,
  });
}

export function useDeleteSavedReport() {
  const invalidate = useInvalidateSaved();
  return useMutation({ mutationFn: (id: string) => api(`/api/saved-reports/${id}`, { method: "DELETE" }), onSuccess: invalidate });
}
