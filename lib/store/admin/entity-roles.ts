// Entity.kind in the database ("source" | "recipient" | "both") ↔ `roles` in the API (spec 07 §2.5).
import type { EntityRole } from "@/lib/schemas/entity";

export function rolesOfKind(kind: string): EntityRole[] {
  if (kind === "both") return ["source", "recipient"];
  return kind === "recipient" ? ["recipient"] : ["source"];
}

export function kindOfRoles(roles: readonly string[]): "source" | "recipient" | "both" {
  const source = roles.includes("source");
  const recipient = roles.includes("recipient");
  if (source && recipient) return "both";
  return recipient ? "recipient" : "source";
}

/** Database `kind` values that carry a role (for `?role=` filters). */
export function kindsWithRole(role: EntityRole): string[] {
  return [role, "both"];
}
