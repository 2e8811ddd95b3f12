import { readQuery, withApi } from "@/lib/server/api";
import { deliveriesQuerySchema } from "@/lib/schemas/deliveries";
import { listDeliveries } from "@/lib/store/outbox/deliveries";

export const GET = withApi({ role: "viewer" }, async ({ request }) => {
  const q = readQuery(request, deliveriesQuerySchema);
  return listDeliveries(q.status, q.limit, q.cursor);
});
