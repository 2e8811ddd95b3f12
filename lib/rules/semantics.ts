// Operator semantics of spec 02 §5. The right-hand side is wrapped in an `Operand` that computes
// its derived forms (text, num, list, range, patterns, …) lazily and keeps them: a literal rhv is
// wrapped once at compile time, so evaluations only pay for the lhv side.

import type { Operator } from "./operators";
import { compilePattern, type Matcher } from "./patterns";
import type { ObscenityCheck } from "./obscenity";
import { epochOf, parseDateNormal } from "./parsing";
import {
  dateKindOf,
  dateNormalOf,
  isBlank,
  isBoolish,
  isNumberish,
  isTyped,
  rangeOfTyped,
  toBool,
  toList,
  toNum,
  toRange,
  toText,
  typedKind,
  type DateKind,
  type NumRange,
  type TypedValue,
} from "./values";

const UNSET = Symbol("unset");

export class Operand {
  readonly value: unknown;
  readonly blank: boolean;
  /** Operands of the elements when the value is an array, else null. */
  readonly items: readonly Operand[] | null;
  readonly numberish: boolean;
  readonly boolish: boolean;

  private _text: string | typeof UNSET = UNSET;
  private _num: number | typeof UNSET = UNSET;
  private _bool: boolean | undefined | typeof UNSET = UNSET;
  private _range: NumRange | undefined | typeof UNSET = UNSET;
  private _list: readonly Operand[] | null = null;
  private _listTexts: ReadonlySet<string> | null | typeof UNSET = UNSET;
  private _sorted: readonly Operand[] | null = null;
  private _includeItems: readonly Operand[] | null = null;
  private _matchers: readonly Matcher[] | null | typeof UNSET = UNSET;
  private _dates: Partial<Record<DateKind, string | undefined>> | null = null;

  constructor(value: unknown) {
    this.value = value;
    this.blank = isBlank(value);
    this.items = Array.isArray(value) ? value.map((v) => new Operand(v)) : null;
    this.numberish = isNumberish(value);
    this.boolish = isBoolish(value);
  }

  get text(): string {
    if (this._text === UNSET) this._text = toText(this.value);
    return this._text;
  }

  get num(): number {
    if (this._num === UNSET) this._num = toNum(this.value);
    return this._num;
  }

  get bool(): boolean | undefined {
    if (this._bool === UNSET) this._bool = toBool(this.value);
    return this._bool;
  }

  get range(): NumRange | undefined {
    if (this._range === UNSET) this._range = toRange(this.value);
    return this._range;
  }

  /** list(rhv): items for `is included in`. */
  get list(): readonly Operand[] {
    if (this._list === null) this._list = toList(this.value).map((v) => new Operand(v));
    return this._list;
  }

  /**
   * Texts of the list when every item is a plain string. For an lhv that compares as text (see
   * `comparesAsText`) equality with such an item reduces to text equality, so membership is one
   * Set lookup instead of running the equality ladder per item.
   */
  get listTexts(): ReadonlySet<string> | null {
    if (this._listTexts === UNSET) {
      const list = this.list;
      this._listTexts = list.every((o) => typeof o.value === "string") ? new Set(list.map((o) => o.text)) : null;
    }
    return this._listTexts;
  }

  /** Array items sorted by text (equality of two arrays). */
  get sortedItems(): readonly Operand[] {
    if (this._sorted === null) this._sorted = [...(this.items ?? [])].sort((a, b) => cmpText(a.text, b.text));
    return this._sorted;
  }

  /** Items for `includes`: array elements, or the rhv itself (a string is not split). Blanks dropped. */
  get includeItems(): readonly Operand[] {
    if (this._includeItems === null) this._includeItems = (this.items ?? [this]).filter((o) => !o.blank);
    return this._includeItems;
  }

  /** Compiled patterns; null when one of them is an invalid regular expression. */
  get matchers(): readonly Matcher[] | null {
    if (this._matchers === UNSET) {
      try {
        this._matchers = this.includeItems.map((o) =>
          compilePattern(typeof o.value === "string" ? o.value : o.text),
        );
      } catch {
        this._matchers = null;
      }
    }
    return this._matchers;
  }

  dateNormal(kind: DateKind): string | undefined {
    const cache = (this._dates ??= {});
    if (!(kind in cache)) cache[kind] = dateNormalOf(this.value, kind);
    return cache[kind];
  }

  dateEpoch(kind: DateKind): number {
    if (typeof this.value === "number") return this.value;
    const normal = this.dateNormal(kind);
    return normal === undefined ? NaN : epochOf(normal);
  }
}

function cmpText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * True when `is equal to` between `v` and a plain string reduces to text equality: `v` is not
 * numeric, boolean, range, date or array (steps 2–7 of the equality ladder cannot apply).
 */
function comparesAsText(v: unknown): boolean {
  if (typeof v === "string") return dateKindOf(v) === undefined;
  if (!isTyped(v)) return false;
  const k = typedKind(v);
  return k === "other" || k === "postal";
}

/** `is equal to` (spec 02 §5), the checks in the spec's order. */
export function isEqual(l: unknown, r: Operand): boolean {
  // 1. blanks
  const lb = isBlank(l);
  if (lb || r.blank) return lb && r.blank;
  // 2–3. arrays
  if (Array.isArray(l)) {
    if (r.items !== null) {
      if (l.length !== r.items.length) return false;
      const ls = l.map((v) => ({ v, t: toText(v) })).sort((a, b) => cmpText(a.t, b.t));
      const rs = r.sortedItems;
      for (let i = 0; i < ls.length; i++) if (!isEqual(ls[i].v, rs[i])) return false;
      return true;
    }
    for (let i = 0; i < l.length; i++) if (isEqual(l[i], r)) return true;
    return false;
  }
  if (r.items !== null) {
    for (const item of r.items) if (isEqual(l, item)) return true;
    return false;
  }
  // 4–5. range- and date-typed lhv
  if (isTyped(l)) {
    const k = typedKind(l);
    if (k === "range") {
      const lr = rangeOfTyped(l);
      const rr = r.range;
      return lr !== undefined && rr !== undefined && lr.min === rr.min && lr.max === rr.max;
    }
    if (k === "date" || k === "time") {
      const rn = r.dateNormal(k);
      return rn !== undefined && rn === (l as TypedValue).normal;
    }
  } else if (typeof l === "string") {
    const dk = dateKindOf(l);
    if (dk !== undefined) {
      const rn = r.dateNormal(dk);
      return rn !== undefined && rn === parseDateNormal(l, dk);
    }
  }
  // 6. numbers
  if (r.numberish || isNumberish(l)) {
    const ln = toNum(l);
    const rn = r.num;
    if (Number.isFinite(ln) && Number.isFinite(rn)) return ln === rn;
  }
  // 7. booleans (undefined on either side is "not a boolean": never equal)
  if (r.boolish || isBoolish(l)) {
    const lv = toBool(l);
    return lv !== undefined && lv === r.bool;
  }
  // 8. text
  return toText(l) === r.text;
}

/** num(lhv) and num(rhv), the rhv read with the lhv's date type when the lhv is a date. */
function compareNums(l: unknown, r: Operand, test: (a: number, b: number) => boolean): boolean {
  const ln = toNum(l);
  if (Number.isNaN(ln)) return false;
  const dk = dateKindOf(l);
  const rn = dk === undefined ? r.num : r.dateEpoch(dk);
  return !Number.isNaN(rn) && test(ln, rn);
}

const lt = (a: number, b: number) => a < b;
const lte = (a: number, b: number) => a <= b;
const gt = (a: number, b: number) => a > b;
const gte = (a: number, b: number) => a >= b;

function inList(l: unknown, r: Operand): boolean {
  const texts = r.listTexts;
  if (texts !== null && comparesAsText(l)) return texts.has(toText(l));
  for (const item of r.list) if (isEqual(l, item)) return true;
  return false;
}

export function isIncludedIn(l: unknown, r: Operand): boolean {
  if (isBlank(l)) return false;
  if (Array.isArray(l)) {
    for (const el of l) if (!isBlank(el) && inList(el, r)) return true;
    return false;
  }
  return inList(l, r);
}

export function includes(l: unknown, r: Operand): boolean {
  if (r.blank || isBlank(l)) return false;
  const items = r.includeItems;
  if (Array.isArray(l)) {
    for (const el of l) {
      if (isBlank(el)) continue;
      for (const item of items) if (isEqual(el, item)) return true;
    }
    return false;
  }
  const t = toText(l);
  for (const item of items) if (t.includes(item.text)) return true;
  return false;
}

function anyMatch(ms: readonly Matcher[], v: unknown): boolean {
  const t = toText(v);
  for (let i = 0; i < ms.length; i++) if (ms[i](t)) return true;
  return false;
}

/** true / false, or undefined when the rhv holds an invalid regular expression. */
export function matchesPattern(l: unknown, r: Operand): boolean | undefined {
  const ms = r.matchers;
  if (ms === null) return undefined;
  if (isBlank(l)) return false;
  if (Array.isArray(l)) {
    for (const el of l) if (!isBlank(el) && anyMatch(ms, el)) return true;
    return false;
  }
  return anyMatch(ms, l);
}

/** The `valid` flag a value carries: true/false/other, or NO_FLAG when it has none. */
const NO_FLAG = Symbol("no-flag");
function validFlag(v: unknown): unknown {
  return typeof v === "object" && v !== null && Object.hasOwn(v, "valid") ? (v as { valid: unknown }).valid : NO_FLAG;
}

export function formatIsValid(l: unknown): boolean {
  if (isBlank(l)) return false;
  if (Array.isArray(l)) {
    for (const el of l) {
      if (isBlank(el)) continue;
      const f = validFlag(el);
      if (f !== NO_FLAG && f !== true) return false;
    }
    return true;
  }
  const f = validFlag(l);
  return f === NO_FLAG || f === true;
}

export function formatIsInvalid(l: unknown): boolean {
  if (isBlank(l)) return false;
  if (Array.isArray(l)) {
    for (const el of l) if (!isBlank(el) && validFlag(el) === false) return true;
    return false;
  }
  return validFlag(l) === false;
}

export function isObscene(l: unknown, check: ObscenityCheck): boolean {
  if (isBlank(l)) return false;
  if (Array.isArray(l)) {
    for (const el of l) if (!isBlank(el) && check(toText(el))) return true;
    return false;
  }
  return check(toText(l));
}

/** The test of one operator: resolved lhv and prepared rhv → passes? */
export type OperatorTest = (l: unknown, r: Operand) => boolean;

export function operatorTest(op: Operator, obscene: ObscenityCheck): OperatorTest {
  switch (op) {
    case "is equal to":
      return isEqual;
    case "is not equal to":
      return (l, r) => !isEqual(l, r);
    case "is less than":
      return (l, r) => compareNums(l, r, lt);
    case "is less than or equal to":
      return (l, r) => compareNums(l, r, lte);
    case "is greater than":
      return (l, r) => compareNums(l, r, gt);
    case "is greater than or equal to":
      return (l, r) => compareNums(l, r, gte);
    case "is between":
      return (l, r) => {
        const range = r.range;
        const x = toNum(l);
        return range !== undefined && !Number.isNaN(x) && x >= range.min && (range.max === null || x <= range.max);
      };
    case "is not between":
      return (l, r) => {
        const range = r.range;
        const x = toNum(l);
        return range !== undefined && !Number.isNaN(x) && (x < range.min || (range.max !== null && x > range.max));
      };
    case "is included in":
      return isIncludedIn;
    case "is not included in":
      return (l, r) => !isIncludedIn(l, r);
    case "includes":
      return includes;
    case "does not include":
      return (l, r) => !includes(l, r);
    case "matches pattern":
      return (l, r) => matchesPattern(l, r) === true;
    case "does not match pattern":
      // An invalid regex makes both pattern operators false (spec 02 §5).
      return (l, r) => matchesPattern(l, r) === false;
    case "is blank":
      return (l) => isBlank(l);
    case "is not blank":
      return (l) => !isBlank(l);
    case "is true":
      return (l) => toBool(l) === true;
    case "is not true":
      return (l) => toBool(l) !== true;
    case "is false":
      return (l) => toBool(l) === false;
    case "is not false":
      return (l) => toBool(l) !== false;
    case "format is valid":
      return formatIsValid;
    case "format is invalid":
      return formatIsInvalid;
    case "is obscene":
      return (l) => isObscene(l, obscene);
    case "is not obscene":
      return (l) => !isObscene(l, obscene);
  }
}
