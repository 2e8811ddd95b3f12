// The rule engine's view of `@/lib/templates` (spec 02 §2–3: lhv/rhv templates, path resolution).
// TEMPORARY: compileTemplate/hasTemplate come from a local stand-in until lib/templates/index.ts
// lands; then this file re-exports the real module and `__dev__/` is deleted.
export { parsePath, resolvePath, resolveSegments } from "@/lib/templates/path";
export { compileTemplate, hasTemplate } from "./__dev__/templates";
