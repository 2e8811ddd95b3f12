// The reports page keeps its whole state in the URL; a saved report (spec 08 §4.8) keeps the same
// parameters minus the dates, which are given when it is run. These functions translate between
// the two, so opening a saved report puts exactly its parameters back into the URL.
import type { Query } from "@/components/api/client";
import { groupLabel } from "./columns";

export const RANGE_PRESETS = {
  today: { label: "Today", from: 0, to: 0, interval: "hour" },
  yesterday: { label: "Yesterday", from: 1, to: 1, interval: "hour" },
  "7d": { label: "Last 7 days", from: 6, to: 0, interval: "day" },
  "30d": { label: "Last 30 days", from: 29, to: 0, interval: "day" },
  "90d": { label: "Last 90 days", from: 89, to: 0, interval: "week" },
} as const;
export type RangePreset = keyof typeof RANGE_PRESETS;
export const DEFAULT_RANGE: RangePreset = "7d";

/** Report filters the page does not edit itself but honours when a saved report carries them. */
export const PASSTHROUGH = ["source_id", "recipient_id", "step_id", "rules", "by_lead", "time_zone"] as const;
const SAVED = ["range", "interval", "flow_id", "group_by", "column", ...PASSTHROUGH] as const;
const REPEATABLE = new Set(["group_by", "column", "flow_id", "source_id", "recipient_id", "step_id"]);

export type SavedParams = Record<string, string | string[]>;

export function isPreset(range: string | null): range is RangePreset {
  return range !== null && Object.hasOwn(RANGE_PRESETS, range);
}

/**
 * What "Save report" stores: the page's parameters without dates. A relative range ("Last 30
 * days") is kept as `range`; custom dates are not part of a saved report.
 */
export function savedParamsFromUrl(url: URLSearchParams): SavedParams {
  const out: SavedParams = {};
  for (const key of SAVED) {
    const values = url.getAll(key).filter((v) => v !== "");
    if (values.length === 0) continue;
    if (key === "range" && !isPreset(values[0])) continue;
    out[key] = REPEATABLE.has(key) && (values.length > 1 || key === "group_by" || key === "column") ? values : values[0];
  }
  return out;
}

/** The page URL that shows a saved report: its parameters, its id, dates left to the range. */
export function urlFromSaved(report: { id: string; params: Record<string, unknown> }): URLSearchParams {
  const url = new URLSearchParams();
  for (const [key, value] of Object.entries(report.params)) {
    if (key === "start" || key === "end" || value === null || value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) url.append(key, String(v));
    else url.set(key, String(value));
  }
  if (!isPreset(url.get("range"))) url.set("range", DEFAULT_RANGE);
  url.set("saved", report.id);
  return url;
}

/** True when the URL shows something other than what the saved report holds. */
export function differsFromSaved(url: URLSearchParams, report: { params: Record<string, unknown> }): boolean {
  const norm = (p: Record<string, unknown>) => {
    const entries = Object.entries(p)
      .filter(([k, v]) => k !== "start" && k !== "end" && v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : [String(v)]] as const)
      .sort(([a], [b]) => a.localeCompare(b));
    return JSON.stringify(entries);
  };
  const saved = { ...report.params };
  if (!isPreset(typeof saved.range === "string" ? saved.range : null)) saved.range = DEFAULT_RANGE;
  const current = savedParamsFromUrl(url);
  if (!current.range) current.range = DEFAULT_RANGE;
  return norm(current) !== norm(saved);
}

/** Extra report filters from the URL, as query parameters for every report on the page. */
export function passthroughQuery(url: URLSearchParams): Query {
  const q: Record<string, string | string[]> = {};
  for (const key of PASSTHROUGH) {
    const values = url.getAll(key).filter((v) => v !== "");
    if (values.length) q[key] = REPEATABLE.has(key) ? values : values[0];
  }
  return q;
}

/** "By source, then flow · Last 30 days · 1 flow" — what a saved report shows, in a line. */
export function describeSavedParams(endpoint: string, params: Record<string, unknown>): string {
  const list = (v: unknown) => (v === undefined || v === null ? [] : [v].flat().map(String));
  const groups = list(params.group_by);
  const parts: string[] = [];
  if (endpoint !== "stats") parts.push(endpoint.replaceAll("-", " ").replace(/^./, (c) => c.toUpperCase()));
  else parts.push(groups.length ? `By ${groups.map((g, i) => (i ? "then " : "") + groupLabel(g).toLowerCase()).join(", ")}` : "Totals");
  const range = typeof params.range === "string" && isPreset(params.range) ? RANGE_PRESETS[params.range].label : null;
  parts.push(range ?? `${RANGE_PRESETS[DEFAULT_RANGE].label} (default)`);
  const flows = list(params.flow_id).length;
  if (flows) parts.push(flows === 1 ? "1 flow" : `${flows} flows`);
  const filters = PASSTHROUGH.filter((k) => k !== "time_zone" && k !== "by_lead" && list(params[k]).length).length;
  if (filters) parts.push(filters === 1 ? "1 more filter" : `${filters} more filters`);
  return parts.join(" · ");
}
