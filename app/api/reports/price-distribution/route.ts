import { readQuery, withApi } from "@/lib/server/api";
import { priceDistributionQuerySchema } from "@/lib/schemas/reports";
import { priceDistributionReport } from "@/lib/store/reports/price-distribution";
import { reportResponse } from "@/lib/store/reports/result";

/** Price distribution of successful leads or deliveries (spec 08 §4.4). */
export const GET = withApi({ role: "viewer" }, async ({ request }) => {
  const query = readQuery(request, priceDistributionQuerySchema);
  return reportResponse(request, await priceDistributionReport(query), query.format, "price-distribution");
});
