import { withApi } from "@/lib/server/api";
import { readLeadEvent } from "@/lib/store/leads/read-lead";

export const GET = withApi<{ id: string; eventId: string }>({ role: "viewer" }, async ({ params }) =>
  readLeadEvent(params.id, params.eventId),
);
