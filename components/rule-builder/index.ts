export { RuleBuilder, type RuleBuilderProps } from "./rule-builder";
export { VariableCatalogProvider, useVariableCatalog, useCatalog } from "./catalog-context";
export { buildVariableCatalog, operatorsFor, type VariableCatalog, type VariableOption } from "./variables";
export { ensureIds, isRuleSet, newGroup, newRule } from "./tree";
