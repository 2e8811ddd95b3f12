import { withApi } from "@/lib/server/api";
import { getListImport } from "@/lib/store/admin/list-imports";

export const GET = withApi<{ id: string; jobId: string }>({ role: "viewer" }, async ({ params }) => getListImport(params.id, params.jobId));
