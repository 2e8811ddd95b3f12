"use client";
// Feedback CSV imports (spec 06 §5.6): start one (multipart), then poll the job until it ends.
import { useMutation, useQuery } from "@tanstack/react-query";
import { api } from "./client";
import { qk } from "./keys";

export interface FeedbackImportJob {
  id: string;
  type?: "return" | "conversion";
  status: "running" | "done" | "failed" | string;
  total: number;
  succeeded: number;
  failed: number;
  errors: { line: number | null; event_id: string | null; reason: string }[];
  created_by?: string | null;
  created_at?: string;
  finished_at?: string | null;
}

export interface FeedbackImportRequest {
  file: File;
  type: "return" | "conversion";
  hasHeader: boolean;
  /** 1-based column numbers, as text. */
  eventIdColumn: string;
  reasonColumn: string | null;
}

export function useStartFeedbackImport() {
  return useMutation({
    mutationFn: (r: FeedbackImportRequest) => {
      const form = new FormData();
      form.set("type", r.type);
      form.set("has_header", r.hasHeader ? "true" : "false");
      form.set("event_id_column", r.eventIdColumn);
      if (r.reasonColumn) form.set("reason_column", r.reasonColumn);
      form.set("file", r.file, r.file.name);
      return api<FeedbackImportJob>("/api/feedback/imports", { method: "POST", body: form });
    },
  });
}

export function useFeedbackImport(id: string | null) {
  return useQuery({
    queryKey: qk.feedbackImport(id ?? ""),
    queryFn: () => api<FeedbackImportJob>(`/api/feedback/imports/${id}`),
    enabled: Boolean(id),
    // Poll while the job runs; stop once it has a final status.
    refetchInterval: (q) => (q.state.data && q.state.data.status !== "running" ? false : 1000),
  });
}
