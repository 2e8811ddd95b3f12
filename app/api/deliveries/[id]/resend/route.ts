import { withApi } from "@/lib/server/api";
import { resendDelivery } from "@/lib/store/outbox/deliveries";

export const POST = withApi<{ id: string }>({ role: "editor" }, async ({ params, principal }) => resendDelivery(params.id, principal.email));
