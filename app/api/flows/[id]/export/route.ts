import { withApi, readQuery } from "@/lib/server/api";
import { flowReadQuerySchema } from "@/lib/schemas/flow-api";
import { exportFlow } from "@/lib/store/admin/export-flow";

export const GET = withApi<{ id: string }>({ role: "viewer" }, async ({ request, params }) => {
  const { envelope, filename } = await exportFlow(params.id, readQuery(request, flowReadQuerySchema).version);
  return Response.json(envelope, {
    // An ASCII fallback plus the exact (UTF-8) name for clients that read filename* (RFC 6266).
    headers: {
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    },
  });
});
