export { VolumeChart } from "./volume-chart";
export { AcceptanceBySource } from "./acceptance-by-source";
export { RejectionReasons } from "./rejection-reasons";
export { PriceDistribution } from "./price-distribution";
export { CapFillChart } from "./cap-fill-chart";
export { ChartFrame } from "./chart-frame";
