/**
 * Mappings (spec 03 §3): inbound source mappings and outbound recipient mappings, plus the request
 * body serializers that turn mapped request variables into JSON, form, XML and query text
 * (spec 05 §3). Rule sets are evaluated through an injected compiler so this module does not
 * depend on lib/rules.
 */
export {
  compileMappings,
  applyMappings,
  validateMappings,
  compileInboundMappings,
  applyInboundMappings,
  inboundTemplateContext,
  type Mapping,
  type RuleSetCompiler,
  type CompileMappingsOptions,
  type CompiledMappings,
  type MappingIssue,
  type MappingResult,
  type AppliedMapping,
  type InboundContext,
  type InboundResult,
} from "./mappings";
export { parseProperty, formatProperty, MappingError, type PropertySegment } from "./property";
export {
  requestValue,
  requestText,
  buildJsonBody,
  buildFormBody,
  buildXmlBody,
  appendQuery,
  formPairs,
  encodeForm,
  toAscii,
  XML_DECLARATION,
  type SerializeOptions,
  type FormOptions,
  type FormPair,
} from "./serialize";
