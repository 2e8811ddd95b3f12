"use client";
// Users (spec 07 §2.3): admins list, create, change and delete them; everyone may change their
// own name and password.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, listOf } from "./client";
import { qk } from "./keys";
import type { Role, User } from "./types";

export function useUsers(enabled = true) {
  return useQuery({
    queryKey: qk.users,
    queryFn: async () => listOf<User>(await api("/api/users", { query: { limit: 500 } })),
    enabled,
    retry: false,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; name: string; role: Role; password?: string }) => api<User>("/api/users", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: qk.users }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; name?: string; role?: Role; disabled?: boolean; password?: string }) =>
      api<User>(`/api/users/${id}`, { method: "PATCH", body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: qk.users });
      void qc.invalidateQueries({ queryKey: qk.me });
    },
  });
}

export function useDeleteUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<User>(`/api/users/${id}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: qk.users }),
  });
}
