// The one conversion of zod issues into the API's `issues` (spec 07 §2.2: dotted `path`, `message`).
// The route handlers answer 422 with it and the browser checks a draft with it before saving, so
// both name a problem by the same path and the same control shows it.
import type { ZodError } from "zod";

export type Issue = { path: string; message: string };

export function zodIssues(error: ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}
