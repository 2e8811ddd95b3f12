import { withApi } from "@/lib/server/api";
import { revokeToken } from "@/lib/store/admin/tokens";

export const DELETE = withApi<{ id: string }>({ role: "admin" }, async ({ params }) => revokeToken(params.id));
