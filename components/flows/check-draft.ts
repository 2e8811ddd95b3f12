// The editor checks a draft with the API's own flow schema before sending it (API.md §3: one
// definition), so most problems show at their control without a round trip. The server checks
// again and adds what only it can know (unknown fields, entities, lists; unsafe URLs).
import type { ApiIssue } from "@/components/api/client";
import type { FlowDocument } from "@/components/api/types";
import { flowDocumentSchema } from "@/lib/schemas/flow";
import { zodIssues } from "@/lib/schemas/issues";

/** Issues of the document exactly as the server would receive it (JSON drops undefined, NaN → null). */
export function draftIssues(doc: FlowDocument): ApiIssue[] {
  const sent: unknown = JSON.parse(JSON.stringify(doc));
  const parsed = flowDocumentSchema.safeParse(sent);
  return parsed.success ? [] : zodIssues(parsed.error);
}
