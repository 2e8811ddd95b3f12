// The key under `appended` where a recipient step writes its results (05 §4.3): built-in modules
// use their service name, others the recipient's name in snake case; reserved names get `r_`.

const RESERVED = new Set([
  "lead", "source", "flow", "account", "submission", "recipient", "feedback", "appended",
  "purchase_price", "event_id", "outcome", "reason", "price", "timestamp",
]);

export function appendedKeyFor(moduleId: string, entityName: string | null | undefined, stepId: string): string {
  const builtIn = /^(suppressionlist)\./.exec(moduleId);
  if (builtIn) return builtIn[1];
  const name = (entityName ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  // A step without a usable name still needs a stable key (decision): its step id.
  const key = name === "" ? `step_${stepId}` : name;
  return RESERVED.has(key) ? `r_${key}` : key;
}
