// How the report columns of spec 08 §3 read on screen: a label and a format per column id.
import { formatMoney } from "@/components/timeline/format";

export const DEFAULT_COLUMNS = ["source_submitted", "source_success", "source_failure", "source_error", "acceptance_rate", "cost", "revenue", "profit"];

const LABELS: Record<string, string> = {
  source_submitted: "Received",
  source_success: "Accepted",
  source_failure: "Rejected",
  source_error: "Errors",
  recipient_submitted: "Sent",
  recipient_success: "Delivered",
  recipient_failure: "Refused",
  recipient_error: "Delivery errors",
  recipient_skip: "Skipped",
  return_received_success: "Returns",
  conversion_received_success: "Conversions",
  cost: "Cost",
  revenue: "Revenue",
  profit: "Profit",
  avg_cost_per_lead: "Avg cost / lead",
  avg_revenue_per_lead: "Avg revenue / lead",
  cost_per_conversion_received_success: "Cost / conversion",
  acceptance_rate: "Acceptance",
  rejection_rate: "Rejection",
  error_rate: "Error rate",
  delivery_success_rate: "Delivery rate",
  return_rate: "Return rate",
  price_min: "Min price",
  price_max: "Max price",
  price_avg: "Avg price",
  price_median: "Median price",
};

const MONEY = /^(cost|revenue|profit|avg_|cost_per_|price_)/;

export function columnLabel(id: string): string {
  return LABELS[id] ?? id.replaceAll("_", " ").replace(/^./, (c) => c.toUpperCase());
}

export function formatColumn(id: string, value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value !== "number") return String(value);
  if (id.endsWith("_rate")) return `${(value * 100).toFixed(1)}%`;
  if (MONEY.test(id)) return formatMoney(value);
  return value.toLocaleString();
}

export const GROUPS = [
  { id: "flow", label: "Flow" },
  { id: "source", label: "Source" },
  { id: "recipient", label: "Recipient" },
  { id: "step", label: "Step" },
  { id: "outcome", label: "Outcome" },
  { id: "reason", label: "Reason" },
  { id: "purchase_price", label: "Purchase price" },
  { id: "sale_price", label: "Sale price" },
] as const;

export function groupLabel(id: string): string {
  return GROUPS.find((g) => g.id === id)?.label ?? id;
}

/** A group key of a stats row (`{"id","name"}` for records, a scalar otherwise) as text. */
export function groupValue(id: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "(none)";
  if (typeof value === "object" && value !== null && "name" in value) return String((value as { name?: unknown }).name || (value as { id?: unknown }).id);
  if (typeof value === "number" && (id === "purchase_price" || id === "sale_price")) return formatMoney(value);
  return String(value);
}
