import { withApi } from "@/lib/server/api";
import { cancelDelivery } from "@/lib/store/outbox/deliveries";

export const POST = withApi<{ id: string }>({ role: "editor" }, async ({ params, principal }) => cancelDelivery(params.id, principal.email));
