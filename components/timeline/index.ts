export { Timeline, type TimelineProps } from "./timeline";
export { JsonView } from "./json-view";
export { HttpExchange } from "./http-exchange";
export { formatTime, formatMs, formatMoney } from "./format";
