import { withApi } from "@/lib/server/api";
import { getFeedbackImport } from "@/lib/store/feedback/feedback-imports";

export const GET = withApi<{ id: string }>({ role: "viewer" }, async ({ params }) => getFeedbackImport(params.id));
