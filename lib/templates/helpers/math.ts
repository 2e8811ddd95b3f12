/**
 * The `math` helper's expression language (spec 03 §2.2), which is the grammar of the `expr-eval`
 * library, re-implemented as a small Pratt-style parser and tree interpreter: no `eval`, no
 * `new Function`, no property access on real objects — a dotted name is a template variable path,
 * resolved by the caller and converted with `num()` (spec 02 §4).
 *
 * Precedence, loosest first: `x ? y : z` (right) · `or` · `and` · `== != >= <= > < in` ·
 * `+ - ||` · `* / %` · unary `+ - not` and unary functions (`sqrt x`, `abs x`, …) · `^` (right) ·
 * postfix `!` · calls `f(…)`, indexing `a[i]`, grouping, array literals `[1, 2]`.
 */

export type MathValue = number | string | boolean | MathValue[] | undefined;

export class MathSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MathSyntaxError";
  }
}

type Tok =
  | { t: "num"; v: number }
  | { t: "str"; v: string }
  | { t: "name"; v: string; path: string[] }
  | { t: "op"; v: string }
  | { t: "eof" };

const WORD_OPS = new Set(["and", "or", "not", "in"]);
const SYMBOL_OPS = ["==", "!=", ">=", "<=", "||", ">", "<", "+", "-", "*", "/", "%", "^", "!", "(", ")", "[", "]", ",", "?", ":"];

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    if ((c >= "0" && c <= "9") || (c === "." && src[i + 1] >= "0" && src[i + 1] <= "9")) {
      const m =
        /^0x[0-9a-f]+/i.exec(src.slice(i)) ??
        /^0b[01]+/i.exec(src.slice(i)) ??
        /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
      const text = m![0];
      const v = /^0b/i.test(text) ? parseInt(text.slice(2), 2) : Number(text);
      toks.push({ t: "num", v });
      i += text.length;
      continue;
    }
    if (c === '"' || c === "'") {
      let s = "";
      let j = i + 1;
      for (; j < src.length && src[j] !== c; j++) {
        if (src[j] === "\\" && j + 1 < src.length) {
          j++;
          const e = src[j];
          if (e === "n") s += "\n";
          else if (e === "t") s += "\t";
          else if (e === "r") s += "\r";
          else if (e === "b") s += "\b";
          else if (e === "f") s += "\f";
          else if (e === "u" && /^[0-9a-f]{4}$/i.test(src.slice(j + 1, j + 5))) {
            s += String.fromCharCode(parseInt(src.slice(j + 1, j + 5), 16));
            j += 4;
          } else s += e;
        } else s += src[j];
      }
      if (j >= src.length) throw new MathSyntaxError("unterminated string");
      toks.push({ t: "str", v: s });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      // A name, possibly dotted: `lead.loan_amount`, `lead.interests.0`, `appended.acme_crm.price`.
      const m = /^[A-Za-z_$][\w$]*(?:\.(?:[A-Za-z_$][\w$]*|\d+))*/.exec(src.slice(i))!;
      const text = m[0];
      if (WORD_OPS.has(text)) toks.push({ t: "op", v: text });
      else toks.push({ t: "name", v: text, path: text.split(".") });
      i += text.length;
      continue;
    }
    const op = SYMBOL_OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new MathSyntaxError(`unexpected character "${c}" at ${i + 1}`);
    toks.push({ t: "op", v: op });
    i += op.length;
  }
  toks.push({ t: "eof" });
  return toks;
}

// ---------------------------------------------------------------------------------------------
// Functions

function gamma(n: number): number {
  // Lanczos approximation (g = 7), as used for non-integer factorials.
  if (n < 0.5) return Math.PI / (Math.sin(Math.PI * n) * gamma(1 - n));
  if (n > 171.6) return Infinity;
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  const x0 = n - 1;
  let a = c[0];
  const t = x0 + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i] / (x0 + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, x0 + 0.5) * Math.exp(-t) * a;
}

function factorial(n: number): number {
  if (!Number.isFinite(n) || n < 0) return NaN;
  if (Number.isInteger(n)) {
    if (n > 170) return Infinity;
    let r = 1;
    for (let i = 2; i <= n; i++) r *= i;
    return r;
  }
  return gamma(n + 1);
}

const toNum = (v: MathValue): number => (typeof v === "number" ? v : typeof v === "boolean" ? (v ? 1 : 0) : Number(v));

function roundTo(x: number, n = 0): number {
  if (!Number.isFinite(x)) return x;
  const d = Math.trunc(n);
  if (d > 100 || d < -100) return NaN;
  return Number(`${Math.round(Number(`${x}e${d}`))}e${-d}`);
}

const UNARY: ReadonlyMap<string, (x: number) => number> = new Map<string, (x: number) => number>([
  ["sin", Math.sin], ["cos", Math.cos], ["tan", Math.tan],
  ["asin", Math.asin], ["acos", Math.acos], ["atan", Math.atan],
  ["sinh", Math.sinh], ["cosh", Math.cosh], ["tanh", Math.tanh],
  ["asinh", Math.asinh], ["acosh", Math.acosh], ["atanh", Math.atanh],
  ["sqrt", Math.sqrt], ["cbrt", Math.cbrt],
  ["log", Math.log], ["ln", Math.log], ["lg", Math.log10], ["log10", Math.log10], ["log2", Math.log2],
  ["log1p", Math.log1p], ["expm1", Math.expm1], ["exp", Math.exp],
  ["abs", Math.abs], ["ceil", Math.ceil], ["floor", Math.floor],
  ["round", Math.round], ["trunc", Math.trunc], ["sign", Math.sign],
]);

function flatNums(args: MathValue[]): number[] {
  const out: number[] = [];
  for (const a of args) {
    if (Array.isArray(a)) for (const x of a) out.push(toNum(x));
    else out.push(toNum(a));
  }
  return out;
}

const FUNCTIONS: ReadonlyMap<string, (args: MathValue[]) => MathValue> = new Map<string, (args: MathValue[]) => MathValue>([
  ["random", (a) => Math.random() * (a.length ? toNum(a[0]) : 1)],
  ["fac", (a) => factorial(toNum(a[0]))],
  ["gamma", (a) => gamma(toNum(a[0]))],
  ["min", (a) => { const n = flatNums(a); return n.length ? Math.min(...n) : NaN; }],
  ["max", (a) => { const n = flatNums(a); return n.length ? Math.max(...n) : NaN; }],
  ["pyt", (a) => Math.hypot(...flatNums(a))],
  ["hypot", (a) => Math.hypot(...flatNums(a))],
  ["pow", (a) => Math.pow(toNum(a[0]), toNum(a[1]))],
  ["atan2", (a) => Math.atan2(toNum(a[0]), toNum(a[1]))],
  ["roundTo", (a) => roundTo(toNum(a[0]), a.length > 1 ? toNum(a[1]) : 0)],
]);

const CONSTANTS: ReadonlyMap<string, MathValue> = new Map<string, MathValue>([
  ["E", Math.E], ["PI", Math.PI], ["true", true], ["false", false],
]);

// ---------------------------------------------------------------------------------------------
// Parser → closures

/** Resolves a dotted variable name to a number (or an array of numbers) at evaluation time. */
export type MathResolver = (path: readonly string[], name: string) => MathValue;
type Eval = (resolve: MathResolver) => MathValue;

const MAX_DEPTH = 100;

class Parser {
  private pos = 0;
  private depth = 0;
  readonly variables: string[] = [];
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok {
    return this.toks[this.pos];
  }
  private isOp(v: string): boolean {
    const t = this.toks[this.pos];
    return t.t === "op" && t.v === v;
  }
  private expect(v: string): void {
    if (!this.isOp(v)) throw new MathSyntaxError(`expected "${v}"`);
    this.pos++;
  }
  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new MathSyntaxError("expression nested too deeply");
  }

  parse(): Eval {
    const e = this.conditional();
    if (this.peek().t !== "eof") throw new MathSyntaxError(`unexpected "${describe(this.peek())}"`);
    return e;
  }

  private conditional(): Eval {
    this.enter();
    const cond = this.or();
    let result = cond;
    if (this.isOp("?")) {
      this.pos++;
      const yes = this.conditional();
      this.expect(":");
      const no = this.conditional();
      result = (r) => (truthy(cond(r)) ? yes(r) : no(r));
    }
    this.depth--;
    return result;
  }

  private or(): Eval {
    let left = this.and();
    while (this.isOp("or")) {
      this.pos++;
      const l = left, rt = this.and();
      left = (r) => truthy(l(r)) || truthy(rt(r));
    }
    return left;
  }

  private and(): Eval {
    let left = this.comparison();
    while (this.isOp("and")) {
      this.pos++;
      const l = left, rt = this.comparison();
      left = (r) => truthy(l(r)) && truthy(rt(r));
    }
    return left;
  }

  private comparison(): Eval {
    let left = this.additive();
    for (;;) {
      const t = this.peek();
      if (t.t !== "op" || !["==", "!=", ">=", "<=", ">", "<", "in"].includes(t.v)) return left;
      this.pos++;
      const l = left, rt = this.additive();
      switch (t.v) {
        case "==": left = (r) => l(r) === rt(r); break;
        case "!=": left = (r) => l(r) !== rt(r); break;
        case ">=": left = (r) => toNum(l(r)) >= toNum(rt(r)); break;
        case "<=": left = (r) => toNum(l(r)) <= toNum(rt(r)); break;
        case ">": left = (r) => toNum(l(r)) > toNum(rt(r)); break;
        case "<": left = (r) => toNum(l(r)) < toNum(rt(r)); break;
        default:
          left = (r) => {
            const hay = rt(r);
            const needle = l(r);
            return Array.isArray(hay) ? hay.includes(needle) : false;
          };
      }
    }
  }

  private additive(): Eval {
    let left = this.multiplicative();
    for (;;) {
      const t = this.peek();
      if (t.t !== "op" || (t.v !== "+" && t.v !== "-" && t.v !== "||")) return left;
      this.pos++;
      const l = left, rt = this.multiplicative();
      if (t.v === "+") left = (r) => toNum(l(r)) + toNum(rt(r));
      else if (t.v === "-") left = (r) => toNum(l(r)) - toNum(rt(r));
      else
        left = (r) => {
          const a = l(r), b = rt(r);
          if (Array.isArray(a) && Array.isArray(b)) return a.concat(b);
          return `${a ?? ""}${b ?? ""}`;
        };
    }
  }

  private multiplicative(): Eval {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.t !== "op" || (t.v !== "*" && t.v !== "/" && t.v !== "%")) return left;
      this.pos++;
      const l = left, rt = this.unary();
      if (t.v === "*") left = (r) => toNum(l(r)) * toNum(rt(r));
      else if (t.v === "/") left = (r) => toNum(l(r)) / toNum(rt(r));
      else left = (r) => toNum(l(r)) % toNum(rt(r));
    }
  }

  private unary(): Eval {
    this.enter();
    let result: Eval;
    const t = this.peek();
    if (t.t === "op" && (t.v === "-" || t.v === "+" || t.v === "not")) {
      this.pos++;
      const operand = this.unary();
      result = t.v === "-" ? (r) => -toNum(operand(r)) : t.v === "+" ? (r) => toNum(operand(r)) : (r) => !truthy(operand(r));
    } else if (t.t === "name" && t.path.length === 1 && UNARY.has(t.v)) {
      // Unary functions are prefix operators: `sqrt 4`, `sqrt(4)`, `abs -2`.
      this.pos++;
      const fn = UNARY.get(t.v)!;
      const operand = this.unary();
      result = (r) => fn(toNum(operand(r)));
    } else if (t.t === "name" && t.v === "length") {
      this.pos++;
      const operand = this.unary();
      result = (r) => {
        const v = operand(r);
        return Array.isArray(v) || typeof v === "string" ? v.length : NaN;
      };
    } else {
      result = this.exponent();
    }
    this.depth--;
    return result;
  }

  private exponent(): Eval {
    const base = this.postfix();
    if (!this.isOp("^")) return base;
    this.pos++;
    const power = this.unary(); // right-associative, allows 2^-1
    return (r) => Math.pow(toNum(base(r)), toNum(power(r)));
  }

  private postfix(): Eval {
    let e = this.call();
    while (this.isOp("!")) {
      this.pos++;
      const inner = e;
      e = (r) => factorial(toNum(inner(r)));
    }
    return e;
  }

  private call(): Eval {
    let e = this.primary();
    while (this.isOp("[")) {
      this.pos++;
      const target = e, index = this.conditional();
      this.expect("]");
      e = (r) => {
        const a = target(r), i = toNum(index(r));
        return Array.isArray(a) && Number.isInteger(i) && i >= 0 && i < a.length ? a[i] : undefined;
      };
    }
    return e;
  }

  private args(): Eval[] {
    this.expect("(");
    const list: Eval[] = [];
    if (!this.isOp(")")) {
      list.push(this.conditional());
      while (this.isOp(",")) {
        this.pos++;
        list.push(this.conditional());
      }
    }
    this.expect(")");
    return list;
  }

  private primary(): Eval {
    const t = this.peek();
    if (t.t === "num" || t.t === "str") {
      this.pos++;
      const v = t.v;
      return () => v;
    }
    if (t.t === "op" && t.v === "(") {
      this.pos++;
      const e = this.conditional();
      this.expect(")");
      return e;
    }
    if (t.t === "op" && t.v === "[") {
      this.pos++;
      const items: Eval[] = [];
      if (!this.isOp("]")) {
        items.push(this.conditional());
        while (this.isOp(",")) {
          this.pos++;
          items.push(this.conditional());
        }
      }
      this.expect("]");
      return (r) => items.map((f) => f(r));
    }
    if (t.t === "name") {
      this.pos++;
      if (t.path.length === 1 && t.v === "if") {
        const a = this.args();
        if (a.length !== 3) throw new MathSyntaxError("if() takes 3 arguments");
        const [c, y, n] = a;
        return (r) => (truthy(c(r)) ? y(r) : n(r));
      }
      if (t.path.length === 1 && FUNCTIONS.has(t.v)) {
        const fn = FUNCTIONS.get(t.v)!;
        const a = this.args();
        return (r) => fn(a.map((f) => f(r)));
      }
      if (t.path.length === 1 && CONSTANTS.has(t.v)) {
        const v = CONSTANTS.get(t.v);
        return () => v;
      }
      if (this.isOp("(")) throw new MathSyntaxError(`unknown function "${t.v}"`);
      const path = t.path, name = t.v;
      this.variables.push(name);
      return (r) => r(path, name);
    }
    throw new MathSyntaxError(t.t === "eof" ? "unexpected end of expression" : `unexpected "${describe(t)}"`);
  }
}

function describe(t: Tok): string {
  return t.t === "eof" ? "end" : String(t.v);
}

function truthy(v: MathValue): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return Boolean(v);
}

export interface CompiledMath {
  /** Dotted variable names used in the expression, in order of appearance. */
  variables: readonly string[];
  evaluate(resolve: MathResolver): MathValue;
}

/** Parse an expression once; throws MathSyntaxError. */
export function compileMath(expression: string): CompiledMath {
  if (expression.length > 10_000) throw new MathSyntaxError("expression too long");
  const parser = new Parser(tokenize(expression));
  const root = parser.parse();
  return { variables: parser.variables, evaluate: (resolve) => root(resolve) };
}
