// Human-facing text of rules: generated failure reasons (spec 02 §6) and the plain-language
// preview the rule builder shows. Both must accept anything the UI may hold mid-edit, so nothing
// here throws.

import { operatorInfo } from "./operators";
import { toList } from "./list";

type FieldNames = Readonly<Record<string, string>> | undefined;

function fieldName(fieldNames: FieldNames, id: string): string | undefined {
  if (!fieldNames || !Object.hasOwn(fieldNames, id)) return undefined;
  const name = fieldNames[id];
  return typeof name === "string" && name.trim() !== "" ? name : undefined;
}

/**
 * `<label>` of a reason (spec 02 §6): the field's display name when the lhv is exactly a flow field
 * path (`lead.state` or `state`), "Submission Timestamp" for `submission.timestamp`, otherwise the
 * lhv as written.
 */
export function labelFor(lhv: string, fieldNames?: FieldNames): string {
  const t = lhv.trim();
  if (t === "submission.timestamp" || t === "timestamp") return "Submission Timestamp";
  const id = t.startsWith("lead.") ? t.slice(5) : t;
  return fieldName(fieldNames, id) ?? t;
}

/** `<rhv text>`: the rhv as configured, array items joined by ", ". */
export function rhvText(rhv: unknown): string {
  if (rhv === undefined || rhv === null) return "";
  if (Array.isArray(rhv)) return rhv.map(rhvText).join(", ");
  if (typeof rhv === "string") return rhv;
  if (typeof rhv === "number" || typeof rhv === "boolean") return String(rhv);
  try {
    return JSON.stringify(rhv) ?? "";
  } catch {
    return "";
  }
}

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/**
 * The reason a single rule produces when it fails (without its `rule_set`): e.g.
 * `State must be included in ca, ny`. Unknown operators give `Unknown operator "<op>"`.
 */
export function reasonFor(rule: unknown, fieldNames?: FieldNames): string {
  if (!isObj(rule)) return "Invalid rule";
  const op = operatorInfo(rule.op);
  if (!op) return `Unknown operator "${String(rule.op)}"`;
  const lhv = typeof rule.lhv === "string" ? rule.lhv : "";
  const base = `${labelFor(lhv, fieldNames)} ${op.mustPhrase}`;
  if (op.arity === "unary") return base;
  const shown = rhvText(rule.rhv);
  return shown === "" ? base : `${base} ${shown}`;
}

const MAX_DESCRIBE_DEPTH = 32;

interface Described {
  text: string;
  /** Contains a top-level AND/OR, so it needs parentheses inside another set. */
  compound: boolean;
}

function describeRhv(op: string, rhv: unknown): string {
  if (op === "is included in" || op === "is not included in") {
    return toList(rhv)
      .map((v) => rhvText(v))
      .join(", ");
  }
  if ((op === "is between" || op === "is not between") && Array.isArray(rhv) && rhv.length === 2) {
    return `${rhvText(rhv[0])} and ${rhvText(rhv[1])}`;
  }
  return rhvText(rhv);
}

function describeRule(rule: Record<string, unknown>, fieldNames: FieldNames, depth: number): Described {
  const lhv = typeof rule.lhv === "string" && rule.lhv.trim() !== "" ? labelFor(rule.lhv, fieldNames) : "(no field)";
  const info = operatorInfo(rule.op);
  const opText = info ? info.describePhrase : typeof rule.op === "string" && rule.op !== "" ? rule.op : "(no operator)";
  let text = `${lhv} ${opText}`;
  if (!info || info.arity === "binary") {
    const shown = describeRhv(String(rule.op), rule.rhv);
    if (shown !== "") text += ` ${shown}`;
  }
  if (isObj(rule.rule_set)) {
    const sub = describeNode(rule.rule_set, fieldNames, depth + 1);
    if (sub.text !== "") {
      return { text: `${text} AND ${sub.compound ? `(${sub.text})` : sub.text}`, compound: true };
    }
  }
  return { text, compound: false };
}

function describeNode(node: unknown, fieldNames: FieldNames, depth: number): Described {
  if (!isObj(node)) return { text: "", compound: false };
  if (depth > MAX_DESCRIBE_DEPTH) return { text: "…", compound: false };
  const isSet = Array.isArray(node.rules) || (!Object.hasOwn(node, "lhv") && (node.op === "and" || node.op === "or"));
  if (!isSet) return describeRule(node, fieldNames, depth);
  const rules = Array.isArray(node.rules) ? node.rules : [];
  const joiner = String(node.op).toLowerCase() === "or" ? " OR " : " AND ";
  const parts = rules.map((r) => describeNode(r, fieldNames, depth + 1)).filter((d) => d.text !== "");
  if (parts.length === 0) return { text: "", compound: false };
  if (parts.length === 1) return parts[0];
  return { text: parts.map((p) => (p.compound ? `(${p.text})` : p.text)).join(joiner), compound: true };
}

/**
 * Plain-language preview of a rule set for the UI, e.g.
 * `State is one of CA, TX, FL AND (Email is not blank OR Phone 1 is not blank)`.
 * Empty or missing sets read "Always passes". Accepts incomplete rules without throwing.
 */
export function describeRuleSet(ruleSet: unknown, fieldNames?: FieldNames): string {
  const d = describeNode(ruleSet, fieldNames, 0);
  return d.text === "" ? "Always passes" : d.text;
}
