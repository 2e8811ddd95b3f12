import { withApi } from "@/lib/server/api";
import { readLead } from "@/lib/store/leads/read-lead";

export const GET = withApi<{ id: string }>({ role: "viewer" }, async ({ params }) => readLead(params.id));
