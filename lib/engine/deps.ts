// The engine's view of its sibling modules, in one place so a change of their surface touches
// one file: rules (02), templates (03), field types (01).

export { compile as compileRuleSet, compileLastMatch, type CompiledRuleSet } from "@/lib/rules";
export { compileTemplate, type CompiledTemplate } from "@/lib/templates";
export { parseField, mask, maskReplacements, isMaskable, isTypedValue, toNumber, STANDARD_FIELDS } from "@/lib/types";
