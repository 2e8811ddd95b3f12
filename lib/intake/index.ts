/**
 * lib/intake: the transport layer of lead intake (spec 07 §1). Pure functions over the Web
 * Request/Response API: the raw request → submitted data for the engine, and the engine's result
 * → LeadConduit's exact response bytes. No database and no framework imports.
 */
export { handleIntake, matchIntakePath, requestIdFor } from "@/lib/intake/handle-intake";
export type {
  IntakeHandlers,
  IntakeRejection,
  IntakeSourceInfo,
  IntakeStage,
  IntakeSubmission,
  RateLimitVerdict,
} from "@/lib/intake/handle-intake";
export { generateApiKey, hashApiKey, presentedApiKeys, verifyApiKey } from "@/lib/intake/auth";
export { IntakeError, INTAKE_ERRORS, intakeErrors, type IntakeErrorCode } from "@/lib/intake/errors";
export { DEFAULT_INTAKE_LIMITS, type IntakeLimits } from "@/lib/intake/limits";
export {
  bestMatch,
  bodyMediaType,
  INTAKE_MEDIA_TYPES,
  negotiateResponseType,
  type IntakeMediaType,
} from "@/lib/intake/media-type";
export { parseIntakeRequest, type ParsedIntakeRequest } from "@/lib/intake/parse-request";
export {
  buildRequestRecord,
  MASK,
  maskRequestRecord,
  type RequestRecord,
  type RequestRecordInput,
} from "@/lib/intake/request-record";
export {
  intakeErrorResponse,
  preflightResponse,
  recordToResponse,
  resultBody,
  resultResponseRecord,
  type IntakeResult,
  type ResponseRecord,
} from "@/lib/intake/respond";
export {
  flattenSubmittedData,
  type FlatSubmission,
  type SubmittedData,
  type SubmittedScalar,
  type SubmittedValue,
} from "@/lib/intake/submitted-data";
