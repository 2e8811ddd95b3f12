import { readJson, withApi } from "@/lib/server/api";
import { testLeadBodySchema } from "@/lib/schemas/replay";
import { testLead } from "@/lib/store/leads/test-lead";

export const POST = withApi<{ id: string }>({ role: "editor" }, async ({ request, params }) =>
  testLead(params.id, await readJson(request, testLeadBodySchema)),
);
