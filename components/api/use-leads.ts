"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, pageOf, type Query } from "./client";
import { qk } from "./keys";
import type { FlowDocument, LeadEvent, LeadRecord, LeadSummary, ReplayResult } from "./types";

export function useLeads(query: Query, enabled = true) {
  return useQuery({
    queryKey: qk.leads(query),
    queryFn: async () => pageOf<LeadSummary>(await api("/api/leads", { query })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useLead(id: string) {
  return useQuery({ queryKey: qk.lead(id), queryFn: () => api<LeadRecord>(`/api/leads/${id}`) });
}

/** One event with its full vars snapshot (loaded when a timeline row is opened). */
export function useLeadEvent(leadId: string, eventId: string, enabled: boolean) {
  return useQuery({
    queryKey: qk.leadEvent(leadId, eventId),
    queryFn: () => api<LeadEvent>(`/api/leads/${leadId}/events/${eventId}`),
    enabled,
    staleTime: Infinity,
  });
}

export interface ReplayBody {
  flow_version?: "deployed" | "latest" | number;
  document?: FlowDocument | null;
  timestamp?: "now" | "original" | string;
  services?: "skip" | "call";
}

export function useReplay() {
  return useMutation({
    mutationFn: ({ leadId, body }: { leadId: string; body: ReplayBody }) =>
      api<ReplayResult>(`/api/leads/${leadId}/replay`, { method: "POST", body }),
  });
}

/**
 * Dry run of a lead that was never submitted. Not in spec 07 (replay needs a stored lead); the UI
 * proposes `POST /api/flows/{id}/test` with the replay body plus `source_id` and `submitted`.
 */
export function useTestLead(flowId: string) {
  return useMutation({
    mutationFn: (body: ReplayBody & { source_id: string; submitted: Record<string, unknown> }) =>
      api<ReplayResult>(`/api/flows/${flowId}/test`, { method: "POST", body }),
  });
}

/** Resend a delivery now, or stop its retries (spec 05 §5.4); the lead's timeline is reloaded. */
export function useDeliveryAction(leadId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ deliveryId, action }: { deliveryId: string; action: "resend" | "cancel" }) =>
      api<{ status: string }>(`/api/deliveries/${deliveryId}/${action}`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: qk.lead(leadId) }),
  });
}

/**
 * A return or conversion entered by a person for one delivery of the lead (spec 06 §5.6,
 * `via: "api"`): processed like the recipient's own call; the answer is the feedback-received event.
 */
export function useRecordFeedback(leadId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { recipient_event_id: string; type: "return" | "conversion"; reason: string | null }) =>
      api<LeadEvent>(`/api/leads/${leadId}/feedback`, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: qk.lead(leadId) }),
  });
}
