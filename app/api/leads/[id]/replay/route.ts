import { readJson, withApi } from "@/lib/server/api";
import { replayBodySchema } from "@/lib/schemas/replay";
import { replayLead } from "@/lib/store/leads/replay-lead";

export const POST = withApi<{ id: string }>({ role: "editor" }, async ({ request, params }) =>
  replayLead(params.id, await readJson(request, replayBodySchema)),
);
