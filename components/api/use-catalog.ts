"use client";
// Account-level records a flow refers to: fields and their types, entities (sources and
// recipients) with their API keys, pricing services.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { STANDARD_FIELDS } from "@/lib/types/standard-fields";
import { ApiError, api, listOf } from "./client";
import { qk } from "./keys";
import type { Entity, FieldRecord, PricingService, SourceKey, TypeInfo } from "./types";

export function useFields() {
  return useQuery({
    queryKey: qk.fields,
    queryFn: async () => {
      try {
        return listOf<FieldRecord>(await api("/api/fields"));
      } catch (err) {
        // Until the fields route exists the standard catalogue (a pure module) keeps pickers usable.
        if (err instanceof ApiError && err.routeMissing) return STANDARD_FIELDS.map((f) => ({ ...f }));
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

export function useCreateField() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (field: { id: string; name: string; type: string; description?: string }) =>
      api<FieldRecord>("/api/fields", { method: "POST", body: field }),
    onSuccess: () => qc.invalidateQueries({ queryKey: qk.fields }),
  });
}

function normalizeTypes(body: unknown): TypeInfo[] {
  return listOf<Record<string, unknown>>(body).map((t) => ({
    name: String(t.name ?? t.id ?? ""),
    components: Array.isArray(t.components) ? t.components.map((c) => (typeof c === "string" ? c : String((c as { name?: unknown }).name ?? ""))) : [],
    operators: Array.isArray(t.operators) ? t.operators.map((o) => (typeof o === "string" ? o : String((o as { op?: unknown }).op ?? ""))) : [],
  }));
}

/** `GET /api/types` (spec 07 §2.6): components and UI operators per type; empty when unavailable. */
export function useTypes() {
  return useQuery({
    queryKey: qk.types,
    queryFn: async () => {
      try {
        return normalizeTypes(await api("/api/types"));
      } catch (err) {
        if (err instanceof ApiError && err.routeMissing) return [];
        throw err;
      }
    },
    staleTime: 10 * 60_000,
  });
}

export function useEntities(role?: "source" | "recipient") {
  return useQuery({
    queryKey: qk.entities(role),
    queryFn: async () => listOf<Entity>(await api("/api/entities", { query: { role, limit: 500 } })),
  });
}

export function useCreateEntity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (e: { name: string; roles: ("source" | "recipient")[]; description?: string }) =>
      api<Entity>("/api/entities", { method: "POST", body: e }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["entities"] }),
  });
}

export function useEntityKeys(entityId: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: qk.entityKeys(entityId ?? ""),
    queryFn: async () => listOf<SourceKey>(await api(`/api/entities/${entityId}/keys`)),
    enabled: Boolean(entityId) && enabled,
    retry: false,
  });
}

export function useCreateKey(entityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<SourceKey & { key: string }>(`/api/entities/${entityId}/keys`, { method: "POST", body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: qk.entityKeys(entityId) }),
  });
}

export function useRevokeKey(entityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) => api(`/api/entities/${entityId}/keys/${keyId}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: qk.entityKeys(entityId) }),
  });
}

export function usePricingServices() {
  return useQuery({
    queryKey: qk.pricingServices,
    queryFn: async () => {
      try {
        return listOf<PricingService>(await api("/api/pricing-services"));
      } catch (err) {
        if (err instanceof ApiError && err.routeMissing) return [];
        throw err;
      }
    },
  });
}
