import { withApi } from "@/lib/server/api";
import { notFound } from "@/lib/server/errors";
import { getFlowVersion } from "@/lib/store/admin/flows";

export const GET = withApi<{ id: string; version: string }>({ role: "viewer" }, async ({ params }) => {
  if (!/^[1-9]\d{0,8}$/.test(params.version)) throw notFound("Flow version");
  return getFlowVersion(params.id, Number(params.version));
});
