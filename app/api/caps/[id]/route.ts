import { withApi } from "@/lib/server/api";
import { readCaps } from "@/lib/store/caps/read-caps";

export const GET = withApi<{ id: string }>({ role: "viewer" }, async ({ params }) => readCaps({ capId: params.id, includeIdle: true }));
