import { withApi, readJson, readQuery } from "@/lib/server/api";
import { pricingServiceCreateBodySchema, pricingServiceListQuerySchema } from "@/lib/schemas/pricing-service";
import { createPricingService, listPricingServices } from "@/lib/store/admin/pricing-services";
import { idempotent } from "@/lib/store/admin/idempotency";
import { created } from "@/lib/store/admin/request";

export const GET = withApi({ role: "viewer" }, async ({ request }) => listPricingServices(readQuery(request, pricingServiceListQuerySchema)));

export const POST = withApi({ role: "editor" }, async (ctx) =>
  idempotent(ctx, async () => created(await createPricingService(await readJson(ctx.request, pricingServiceCreateBodySchema)))),
);
