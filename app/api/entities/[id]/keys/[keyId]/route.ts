import { withApi } from "@/lib/server/api";
import { revokeSourceKey } from "@/lib/store/admin/source-keys";

export const DELETE = withApi<{ id: string; keyId: string }>({ role: "admin" }, async ({ params }) => revokeSourceKey(params.id, params.keyId));
