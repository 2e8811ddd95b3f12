import { readQuery, withApi } from "@/lib/server/api";
import { capsQuerySchema } from "@/lib/schemas/caps";
import { readCaps } from "@/lib/store/caps/read-caps";

export const GET = withApi({ role: "viewer" }, async ({ request }) => {
  const q = readQuery(request, capsQuerySchema);
  return readCaps({ flowId: q.flow_id, sourceId: q.source_id, stepId: q.step_id, includeIdle: q.include_idle === "true" });
});
