// TEMPORARY stand-in for `@/lib/templates`, which another engineer is writing concurrently.
// Only what the rule engine's tests need: path resolution (spec 02 §2), simple-variable mode,
// `{{path}}` interpolation and a tiny `format` date helper. Delete once lib/templates lands.

import { resolvePath } from "@/lib/templates/path";

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateError";
  }
}

const hasOwn = (o: unknown, k: string): boolean =>
  o !== null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k);

export { resolvePath };

export function hasTemplate(s: unknown): boolean {
  return typeof s === "string" && s.includes("{{");
}

const SIMPLE = /^\{\{\s*([A-Za-z0-9_.]+)\s*\}\}$/;
const TAG = /\{\{\s*([^}]*?)\s*\}\}/g;
const HELPERS = new Set(["format", "lowercase", "uppercase"]);

function textOf(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "object" && !Array.isArray(v) && hasOwn(v, "normal")) return textOf((v as { normal: unknown }).normal);
  if (Array.isArray(v)) return v.map(textOf).join(",");
  return String(v);
}

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function formatDate(value: unknown, fmt: string, tz: string): string {
  const d = new Date(textOf(value));
  if (Number.isNaN(d.getTime())) return "";
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    weekday: "long",
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return fmt.replace(/dddd|HH|mm|YYYY|MM|DD/g, (tok) => {
    switch (tok) {
      case "dddd":
        return DAYS.includes(get("weekday")) ? get("weekday") : "";
      case "HH":
        return get("hour");
      case "mm":
        return get("minute");
      case "YYYY":
        return get("year");
      case "MM":
        return get("month");
      default:
        return get("day");
    }
  });
}

interface Tag {
  helper: string | null;
  args: string[];
  hash: Record<string, string>;
}

function parseTag(body: string): Tag {
  const tokens = body.match(/[A-Za-z0-9_]+="[^"]*"|"[^"]*"|[^\s]+/g) ?? [];
  if (tokens.length === 0) throw new TemplateError("empty tag");
  const hash: Record<string, string> = {};
  const args: string[] = [];
  for (const t of tokens) {
    const m = /^([A-Za-z0-9_]+)="([^"]*)"$/.exec(t);
    if (m) hash[m[1]] = m[2];
    else args.push(t);
  }
  if (args.length === 1 && Object.keys(hash).length === 0) return { helper: null, args, hash };
  const helper = args.shift()!;
  if (!HELPERS.has(helper)) throw new TemplateError(`Unknown helper "${helper}"`);
  return { helper, args, hash };
}

export function compileTemplate(src: string): { render(vars: unknown): unknown; paths: string[] } {
  if (typeof src !== "string") throw new TemplateError("template must be a string");
  const simple = SIMPLE.exec(src);
  if (simple) {
    const path = simple[1];
    return { paths: [path], render: (vars) => resolvePath(vars, path) };
  }
  if ((src.match(/\{\{/g) ?? []).length !== (src.match(/\}\}/g) ?? []).length) {
    throw new TemplateError("unbalanced braces");
  }
  const pieces: Array<string | Tag> = [];
  const paths: string[] = [];
  let last = 0;
  for (const m of src.matchAll(TAG)) {
    pieces.push(src.slice(last, m.index));
    const tag = parseTag(m[1]);
    for (const a of tag.args) if (!a.startsWith('"')) paths.push(a);
    pieces.push(tag);
    last = m.index! + m[0].length;
  }
  pieces.push(src.slice(last));
  return {
    paths,
    render(vars) {
      let out = "";
      for (const p of pieces) {
        if (typeof p === "string") {
          out += p;
          continue;
        }
        const vals = p.args.map((a) => (a.startsWith('"') ? a.slice(1, -1) : resolvePath(vars, a)));
        if (p.helper === null) out += textOf(vals[0]);
        else if (p.helper === "lowercase") out += textOf(vals[0]).toLowerCase();
        else if (p.helper === "uppercase") out += textOf(vals[0]).toUpperCase();
        else out += formatDate(vals[0], p.hash.format ?? "", p.hash.timezone ?? "UTC");
      }
      return out;
    },
  };
}
