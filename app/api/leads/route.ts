import { readQuery, withApi } from "@/lib/server/api";
import { leadSearchQuerySchema } from "@/lib/schemas/leads";
import { searchLeads } from "@/lib/store/leads/search-leads";
import { accountTimeZone } from "@/lib/store/account";

export const GET = withApi({ role: "viewer" }, async ({ request }) => {
  const query = readQuery(request, leadSearchQuerySchema.passthrough());
  const fieldFilters: Record<string, string[]> = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    if (key.startsWith("field.") && key.length > 6) (fieldFilters[key.slice(6)] ??= []).push(value);
  }
  return searchLeads(query, fieldFilters, await accountTimeZone());
});
