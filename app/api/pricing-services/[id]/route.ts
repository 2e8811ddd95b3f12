import { withApi, readJson } from "@/lib/server/api";
import { pricingServiceUpdateBodySchema } from "@/lib/schemas/pricing-service";
import { deletePricingService, getPricingService, updatePricingService } from "@/lib/store/admin/pricing-services";

type Params = { id: string };

export const GET = withApi<Params>({ role: "viewer" }, async ({ params }) => getPricingService(params.id));

export const PUT = withApi<Params>({ role: "editor" }, async ({ request, params }) =>
  updatePricingService(params.id, await readJson(request, pricingServiceUpdateBodySchema)),
);

export const DELETE = withApi<Params>({ role: "editor" }, async ({ params }) => deletePricingService(params.id));
