export { RuleBuilder, type RuleBuilderProps } from "./rule-builder";
export { ExtraVariables, VariableCatalogProvider, useVariableCatalog, useCatalog } from "./catalog-context";
export { FEEDBACK_VARIABLES, buildVariableCatalog, extendCatalog, operatorsFor, type VariableCatalog, type VariableOption } from "./variables";
export { ensureIds, isRuleSet, newGroup, newRule } from "./tree";
