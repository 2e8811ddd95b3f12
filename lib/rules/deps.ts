// The rule engine's view of `@/lib/templates` (spec 02 §2–3: lhv/rhv templates, path resolution).
// TEMPORARY: points at a local stand-in until lib/templates lands; then this file re-exports the
// real module and `__dev__/` is deleted.
export { compileTemplate, hasTemplate, resolvePath } from "./__dev__/templates";
