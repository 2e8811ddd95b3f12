import { withApi } from "@/lib/server/api";
import { TYPE_INFO } from "@/lib/types/catalog";

/** Field types with their components and the operators a UI should offer (spec 07 §2.6, 01 §4, §6). */
export const GET = withApi({ role: "viewer" }, async () => ({
  data: [...TYPE_INFO.values()].map((t) => ({ name: t.name, components: t.components, operators: t.operators, maskable: t.maskable })),
}));
