"use client";
import { useQuery } from "@tanstack/react-query";
import { api } from "./client";
import { qk } from "./keys";
import type { Me, Role } from "./types";

export function useMe() {
  return useQuery({ queryKey: qk.me, queryFn: () => api<Me>("/api/me"), staleTime: 5 * 60_000 });
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** True while unknown, so controls are not hidden during the first load; the API checks anyway. */
export function useCan(role: Role): boolean {
  const me = useMe().data;
  return !me || RANK[me.role] >= RANK[role];
}
