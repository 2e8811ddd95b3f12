// The flow engine (ARCHITECTURE "lib/engine"): compile a flow version once, process leads
// against it through the ports. Pure of I/O except through `EnginePorts`.

export { compileFlow, findSource, type CompiledFlow, type CompiledSource, type CompileFlowOptions, type FieldInfo } from "./compile-flow";
export { processLead } from "./process-lead";
export { type EngineOptions, ENGINE_VERSION } from "./options";
export type * from "./ports";
export type * from "./types";
export {
  resolveCapPeriod,
  calendarPeriodAt,
  rollingWindowStart,
  periodEnd,
  fingerprintOf,
  ROLLING_PERIOD,
  type CapPeriodRequest,
  type StoredCapPeriod,
  type ResolvedCapPeriod,
  type DurationUnit,
} from "./cap-period";
export {
  nextAttemptAt,
  decideDelivery,
  parseRetryAfter,
  retryEnabledFor,
  DEFAULT_RETRY_SETTINGS,
  type RetrySettings,
  type DeliveryDecision,
  type AttemptResult,
} from "./retry-schedule";
export { parseResponse, type ResponseVariables, type ParsedResponse } from "./parse-response";
export { buildRequest, outboundModuleOf, type OutboundModule } from "./build-request";
export { isAllowedTarget, isAllowedAddress, classifyIp, type TargetPolicy } from "./public-url";
export { responseBody, internalErrorOutcome } from "./completion";
export { listUrlName } from "./memory-ports";
export { runDeliveryAttempt, type DeliveryAttemptInput, type DeliveryAttemptOutput, type DeliveryAttemptPorts } from "./delivery-attempt";
export { recoverInterruptedLead, INTERRUPTED_REASON, IN_DOUBT_REASON } from "./recovery";
export { compileRecipientStep, type CompiledRecipientStep } from "./recipient-step";
export { flowWarnings, type FlowWarning } from "./flow-warnings";
