import { withApi, readQuery } from "@/lib/server/api";
import { submissionDocsQuerySchema } from "@/lib/schemas/flow-api";
import { submissionDocs } from "@/lib/store/admin/submission-docs";

export const GET = withApi<{ id: string }>({ role: "viewer" }, async ({ request, params }) =>
  submissionDocs(request, params.id, readQuery(request, submissionDocsQuerySchema).source_id),
);
