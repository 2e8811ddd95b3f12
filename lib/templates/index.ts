/**
 * Leadflow's template language (spec 03 §2): Handlebars-compatible syntax, interpreted over plain
 * lead data with a fixed allow-list of helpers. See compile.ts for the evaluation modes,
 * path.ts for variable resolution (spec 02 §2) and helpers/ for the helper reference.
 */
export {
  compileTemplate,
  compileCached,
  render,
  hasTemplate,
  clearTemplateCache,
  type CompiledTemplate,
  type CompileOptions,
  type TemplateMode,
} from "./compile";
export { TemplateError } from "./errors";
export {
  resolvePath,
  resolveSegments,
  compilePathResolver,
  parsePath,
  isReservedRoot,
  type ResolveOptions,
  type PathResolver,
} from "./path";
export { DEFAULT_LIMITS, type TemplateLimits } from "./runtime";
export {
  toText,
  toNumber,
  isTypedValue,
  isBlank,
  isTruthy,
  unwrap,
  getOwn,
  walkOwn,
  isPlainObject,
  isBlockedKey,
  type TypedValueLike,
} from "./values";
export { HELPER_NAMES } from "./helpers";
export { SUPPORTED_LOCALES } from "./helpers/locales";
export { availableHashAlgorithms, HASH_ALGORITHMS } from "./helpers/hash";
export { formatNumber } from "./helpers/numeral";
export { formatDate, parseDateText } from "./helpers/dates";
