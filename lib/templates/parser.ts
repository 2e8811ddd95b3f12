/**
 * Parser for the Handlebars-compatible template syntax (spec 03 §2). Produces a small AST once per
 * template; nothing is ever turned into JavaScript source (NOTES-engineering §3.5).
 *
 * Supported: text; `{{path}}` and `{{{path}}}` (same thing: output is never escaped); `{{& path}}`;
 * helper calls `{{helper arg "str" 12 true key="val"}}` with subexpressions `(helper …)`;
 * blocks `{{#if}}…{{else}}…{{/if}}`, `#unless`, `#each` (with `as |item index|`), `#with`, and
 * `{{else if …}}` chains; comments `{{! … }}` / `{{!-- … --}}`; whitespace control `{{~ … ~}}`;
 * `\{{` for a literal `{{`. Paths: `a.b`, `a/b`, `this`, `./a`, `../a`, `@index`, `@key`, `@first`,
 * `@last`, `@root.a`, `a.[weird key]`, and `a[0]` (the kb's array syntax).
 * Not supported (a TemplateError says so): partials, decorators, inverse sections `{{^x}}`,
 * raw blocks.
 */
import { TemplateError, positionOf } from "./errors";

export interface PathExpr {
  type: "path";
  original: string;
  /** `@index`, `@root.x`: a data variable. */
  data: boolean;
  /** Number of `../` steps. */
  depth: number;
  /** `this.x` / `./x`: resolve against the current context only. */
  explicitThis: boolean;
  segments: string[];
  start: number;
}
export interface LiteralExpr {
  type: "literal";
  value: string | number | boolean | null | undefined;
}
export interface HashPair {
  key: string;
  value: Expr;
}
export interface CallExpr {
  type: "call";
  name: string;
  params: Expr[];
  hash: HashPair[];
  start: number;
}
export type Expr = PathExpr | LiteralExpr | CallExpr;

export interface TextNode {
  type: "text";
  value: string;
}
export interface MustacheNode {
  type: "mustache";
  expr: Expr;
  start: number;
}
export type BlockName = "if" | "unless" | "each" | "with";
export interface BlockNode {
  type: "block";
  name: BlockName;
  params: Expr[];
  hash: HashPair[];
  blockParams: string[];
  program: TemplateNode[];
  inverse: TemplateNode[] | null;
  start: number;
}
export type TemplateNode = TextNode | MustacheNode | BlockNode;

export const BLOCK_HELPERS: ReadonlySet<string> = new Set(["if", "unless", "each", "with"]);

export interface ParseOptions {
  isHelper(name: string): boolean;
  maxDepth: number;
  maxLength: number;
}

type OpenTag = {
  name: string;
  params: Expr[];
  hash: HashPair[];
  blockParams: string[];
  start: number;
};
type Terminator =
  | { kind: "eof" }
  | { kind: "else"; chain: OpenTag | null; start: number }
  | { kind: "close"; name: string; start: number };

const WS = /\s/;
// Handlebars' ID: anything but whitespace and these punctuation characters.
const ID_STOP = new Set('!"#%&\'()*+,./;<=>@[\\]^`{|}~'.split(""));
const NUMBER = /^-?\d+(?:\.\d+)?(?=[=~}\s/.)|]|$)/;

function isIdChar(c: string | undefined): boolean {
  return c !== undefined && !WS.test(c) && !ID_STOP.has(c);
}

export class TemplateParser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly src: string,
    private readonly opts: ParseOptions,
  ) {
    if (src.length > opts.maxLength) {
      throw new TemplateError(`Template is longer than ${opts.maxLength} characters`, "limit");
    }
  }

  parse(): TemplateNode[] {
    const { nodes, term } = this.parseNodes();
    if (term.kind === "else") this.fail("{{else}} outside of a block", term.start);
    if (term.kind === "close") this.fail(`{{/${term.name}}} without a matching {{#${term.name}}}`, term.start);
    return nodes;
  }

  private fail(message: string, at = this.pos, kind: TemplateError["kind"] = "syntax"): never {
    throw new TemplateError(message, kind, positionOf(this.src, at));
  }

  private nest(at: number): void {
    if (++this.depth > this.opts.maxDepth) this.fail(`Template nesting deeper than ${this.opts.maxDepth} levels`, at, "limit");
  }

  // ------------------------------------------------------------------ statements

  private parseNodes(): { nodes: TemplateNode[]; term: Terminator } {
    const src = this.src;
    const nodes: TemplateNode[] = [];
    let text = "";
    const flush = () => {
      if (text.length > 0) nodes.push({ type: "text", value: text });
      text = "";
    };
    for (;;) {
      const idx = src.indexOf("{{", this.pos);
      if (idx < 0) {
        text += src.slice(this.pos);
        this.pos = src.length;
        flush();
        return { nodes, term: { kind: "eof" } };
      }
      if (idx > 0 && src[idx - 1] === "\\") {
        if (idx > 1 && src[idx - 2] === "\\") {
          // `\\{{x}}`: one literal backslash, then a real mustache.
          text += src.slice(this.pos, idx - 1);
        } else {
          // `\{{`: a literal "{{".
          text += src.slice(this.pos, idx - 1) + "{{";
          this.pos = idx + 2;
          continue;
        }
      } else {
        text += src.slice(this.pos, idx);
      }
      this.pos = idx + 2;
      const triple = src[this.pos] === "{";
      if (triple) this.pos++;
      if (src[this.pos] === "~") {
        this.pos++;
        text = text.replace(/\s+$/, "");
      }
      flush();
      const term = this.parseTag(idx, triple, nodes);
      if (term) return { nodes, term };
    }
  }

  /** Parse one tag after its `{{`; push a node, or return a terminator for else/close tags. */
  private parseTag(start: number, triple: boolean, nodes: TemplateNode[]): Terminator | null {
    const src = this.src;
    const c = src[this.pos];
    if (c === "!") {
      const long = src.startsWith("!--", this.pos);
      const re = long ? /--(~?)\}\}/g : /(~?)\}\}/g;
      re.lastIndex = this.pos;
      const m = re.exec(src);
      if (!m) this.fail("Unclosed comment", start);
      this.pos = m.index + m[0].length;
      if (m[1]) this.skipWs();
      return null;
    }
    if (c === ">") this.fail("Partials ({{> name}}) are not supported", start);
    if (c === "*") this.fail("Decorators are not supported", start);
    if (c === "{" ) this.fail("Raw blocks ({{{{ }}}}) are not supported", start);
    if (c === "#") {
      this.pos++;
      if (src[this.pos] === ">" || src[this.pos] === "*") this.fail("Partial blocks and decorator blocks are not supported", start);
      this.skipWs();
      const open = this.parseOpenTag(start, triple);
      nodes.push(this.parseBlock(open));
      return null;
    }
    if (c === "/") {
      this.pos++;
      this.skipWs();
      const nameStart = this.pos;
      while (isIdChar(src[this.pos])) this.pos++;
      const name = src.slice(nameStart, this.pos);
      if (!name) this.fail("Expected a block name after {{/", start);
      this.closeTag(triple, start);
      return { kind: "close", name, start };
    }
    if (c === "^") {
      this.pos++;
      this.skipWs();
      if (this.atClose()) {
        this.closeTag(triple, start);
        return { kind: "else", chain: null, start };
      }
      this.fail("Inverse sections ({{^name}}) are not supported; use {{#unless name}}", start);
    }
    if (c === "&") this.pos++;
    this.skipWs();
    if (src.startsWith("else", this.pos) && !isIdChar(src[this.pos + 4]) && src[this.pos + 4] !== ".") {
      this.pos += 4;
      this.skipWs();
      if (this.atClose()) {
        this.closeTag(triple, start);
        return { kind: "else", chain: null, start };
      }
      const chain = this.parseOpenTag(start, triple);
      return { kind: "else", chain, start };
    }
    const expr = this.parseMustacheBody(start);
    this.closeTag(triple, start);
    nodes.push({ type: "mustache", expr, start });
    return null;
  }

  private parseOpenTag(start: number, triple: boolean): OpenTag {
    const nameStart = this.pos;
    while (isIdChar(this.src[this.pos])) this.pos++;
    const name = this.src.slice(nameStart, this.pos);
    if (!name) this.fail("Expected a block helper name", start);
    if (!BLOCK_HELPERS.has(name)) {
      if (this.opts.isHelper(name)) this.fail(`"${name}" is not a block helper; block helpers are #if, #unless, #each and #with`, start, "helper");
      this.fail(`Unknown block helper "${name}"; block helpers are #if, #unless, #each and #with`, start, "helper");
    }
    const { params, hash } = this.parseArgs(start, true);
    let blockParams: string[] = [];
    if (this.atBlockParams()) blockParams = this.parseBlockParams(start);
    this.closeTag(triple, start);
    return { name, params, hash, blockParams, start };
  }

  private parseBlock(open: OpenTag): BlockNode {
    this.nest(open.start);
    const body = this.parseNodes();
    const node: BlockNode = {
      type: "block",
      name: open.name as BlockName,
      params: open.params,
      hash: open.hash,
      blockParams: open.blockParams,
      program: body.nodes,
      inverse: null,
      start: open.start,
    };
    let term = body.term;
    if (term.kind === "else") {
      if (term.chain) {
        // `{{else if x}}…`: the rest of the chain is a nested block that shares this block's close tag.
        const chained = this.parseBlockChain(term.chain, open.name);
        node.inverse = [chained.node];
        term = chained.term;
      } else {
        const inv = this.parseNodes();
        node.inverse = inv.nodes;
        term = inv.term;
        if (term.kind === "else") this.fail(`Only one {{else}} is allowed in {{#${open.name}}}`, term.start);
      }
    }
    if (term.kind === "eof") this.fail(`{{#${open.name}}} is never closed`, open.start);
    if (term.kind === "close" && term.name !== open.name) {
      this.fail(`{{/${term.name}}} does not close {{#${open.name}}}`, term.start);
    }
    this.depth--;
    return node;
  }

  /** One link of an else-chain; returns the terminator that closes the whole chain. */
  private parseBlockChain(open: OpenTag, outerName: string): { node: BlockNode; term: Terminator } {
    this.nest(open.start);
    const body = this.parseNodes();
    const node: BlockNode = {
      type: "block",
      name: open.name as BlockName,
      params: open.params,
      hash: open.hash,
      blockParams: open.blockParams,
      program: body.nodes,
      inverse: null,
      start: open.start,
    };
    let term = body.term;
    if (term.kind === "else") {
      if (term.chain) {
        const next = this.parseBlockChain(term.chain, outerName);
        node.inverse = [next.node];
        term = next.term;
      } else {
        const inv = this.parseNodes();
        node.inverse = inv.nodes;
        term = inv.term;
        if (term.kind === "else") this.fail(`Only one {{else}} is allowed in {{#${outerName}}}`, term.start);
      }
    }
    this.depth--;
    return { node, term };
  }

  // ------------------------------------------------------------------ expressions

  private parseMustacheBody(start: number): Expr {
    if (this.atClose()) this.fail("Empty expression {{}}", start);
    const headStart = this.pos;
    const head = this.parseParam(start);
    const { params, hash } = this.parseArgs(start, false);
    return this.toCall(head, params, hash, headStart, false);
  }

  /**
   * Decide what `head params… hash…` means: a helper call when the head names a helper (or has
   * arguments, in which case it must name one), otherwise a plain value.
   */
  private toCall(head: Expr, params: Expr[], hash: HashPair[], headStart: number, sub: boolean): Expr {
    const hasArgs = params.length > 0 || hash.length > 0;
    if (head.type === "path" && !head.data && head.depth === 0 && !head.explicitThis && head.segments.length === 1) {
      const name = head.segments[0];
      if (this.opts.isHelper(name)) return { type: "call", name, params, hash, start: headStart };
      if (BLOCK_HELPERS.has(name) && hasArgs) this.fail(`"${name}" is a block helper: write {{#${name} …}}…{{/${name}}}`, headStart, "helper");
      if (hasArgs) this.fail(`Unknown helper "${name}"`, headStart, "helper");
      return head;
    }
    if (hasArgs) {
      const what = head.type === "path" ? head.original : head.type === "literal" ? JSON.stringify(head.value) : "a subexpression";
      this.fail(`${what} is not a helper and cannot take arguments`, headStart, "helper");
    }
    void sub;
    return head;
  }

  private parseArgs(start: number, block: boolean): { params: Expr[]; hash: HashPair[] } {
    const params: Expr[] = [];
    const hash: HashPair[] = [];
    for (;;) {
      this.skipWs();
      if (this.atClose() || this.src[this.pos] === ")" || (block && this.atBlockParams())) break;
      if (this.pos >= this.src.length) this.fail("Unclosed {{", start);
      const key = this.hashKeyAhead();
      if (key !== null) {
        this.pos = key.valueAt;
        this.skipWs();
        if (hash.some((h) => h.key === key.key)) this.fail(`Option "${key.key}" given twice`, key.at);
        hash.push({ key: key.key, value: this.parseParam(start) });
        continue;
      }
      if (hash.length > 0) this.fail("Positional arguments must come before key=value options", this.pos);
      params.push(this.parseParam(start));
    }
    return { params, hash };
  }

  private hashKeyAhead(): { key: string; valueAt: number; at: number } | null {
    let p = this.pos;
    while (isIdChar(this.src[p])) p++;
    if (p === this.pos) return null;
    const key = this.src.slice(this.pos, p);
    let q = p;
    while (q < this.src.length && WS.test(this.src[q])) q++;
    if (this.src[q] !== "=") return null;
    return { key, valueAt: q + 1, at: this.pos };
  }

  private parseParam(start: number): Expr {
    const src = this.src;
    const c = src[this.pos];
    if (c === "(") {
      const subStart = this.pos;
      this.nest(subStart);
      this.pos++;
      this.skipWs();
      const headStart = this.pos;
      const head = this.parseParam(start);
      const { params, hash } = this.parseArgs(start, false);
      this.skipWs();
      if (src[this.pos] !== ")") this.fail("Unclosed subexpression", subStart);
      this.pos++;
      this.depth--;
      return this.toCall(head, params, hash, headStart, true);
    }
    if (c === '"' || c === "'") {
      let value = "";
      let p = this.pos + 1;
      for (;;) {
        if (p >= src.length) this.fail("Unterminated string", this.pos);
        const ch = src[p];
        if (ch === "\\" && src[p + 1] === c) {
          value += c;
          p += 2;
          continue;
        }
        if (ch === c) break;
        value += ch;
        p++;
      }
      this.pos = p + 1;
      return { type: "literal", value };
    }
    const num = NUMBER.exec(src.slice(this.pos, this.pos + 64));
    if (num) {
      this.pos += num[0].length;
      return { type: "literal", value: Number(num[0]) };
    }
    for (const [word, value] of [["true", true], ["false", false], ["null", null], ["undefined", undefined]] as const) {
      if (src.startsWith(word, this.pos) && !isIdChar(src[this.pos + word.length]) && src[this.pos + word.length] !== "." && src[this.pos + word.length] !== "[") {
        this.pos += word.length;
        return { type: "literal", value };
      }
    }
    return this.parsePath(start);
  }

  private parsePath(start: number): PathExpr {
    const src = this.src;
    const pathStart = this.pos;
    let data = false;
    if (src[this.pos] === "@") {
      data = true;
      this.pos++;
    }
    let depth = 0;
    let explicitThis = false;
    const segments: string[] = [];
    for (;;) {
      const c = src[this.pos];
      if (c === "[") {
        const end = src.indexOf("]", this.pos + 1);
        if (end < 0) this.fail("Unclosed [ in path", this.pos);
        segments.push(src.slice(this.pos + 1, end));
        this.pos = end + 1;
      } else if (src.startsWith("..", this.pos) && segments.length === 0 && !explicitThis && !data) {
        depth++;
        this.pos += 2;
      } else if (c === "." && segments.length === 0 && depth === 0 && !explicitThis && !data) {
        explicitThis = true;
        this.pos++;
      } else if (isIdChar(c)) {
        const s = this.pos;
        while (isIdChar(src[this.pos])) this.pos++;
        const id = src.slice(s, this.pos);
        if (id === "this" && segments.length === 0 && !data) explicitThis = true;
        else segments.push(id);
      } else {
        this.fail(c === undefined ? "Unclosed {{" : `Unexpected "${c}"`, c === undefined ? start : this.pos);
      }
      const n = src[this.pos];
      if ((n === "." || n === "/") && src[this.pos + 1] !== undefined && (isIdChar(src[this.pos + 1]) || src[this.pos + 1] === "[" || src[this.pos + 1] === ".")) {
        this.pos++;
        continue;
      }
      if (n === "[") continue; // `items[0]`
      break;
    }
    const original = src.slice(pathStart, this.pos);
    if (data && segments.length === 0) this.fail("Expected a name after @", pathStart);
    if (depth > 0 && segments.length === 0 && !explicitThis) explicitThis = true;
    return { type: "path", original, data, depth, explicitThis, segments, start: pathStart };
  }

  // ------------------------------------------------------------------ low level

  private skipWs(): void {
    while (this.pos < this.src.length && WS.test(this.src[this.pos])) this.pos++;
  }

  private atClose(): boolean {
    const s = this.src;
    return s.startsWith("}}", this.pos) || s.startsWith("~}}", this.pos);
  }

  private atBlockParams(): boolean {
    return /^as\s*\|/.test(this.src.slice(this.pos, this.pos + 16));
  }

  private parseBlockParams(start: number): string[] {
    const m = /^as\s*\|([^|]*)\|/.exec(this.src.slice(this.pos));
    if (!m) this.fail("Malformed block parameters (as |name|)", start);
    const names = m[1].trim().split(/\s+/).filter(Boolean);
    if (names.length === 0 || names.length > 2 || !names.every((n) => [...n].every((ch) => isIdChar(ch)))) {
      this.fail("Block parameters take one or two names: as |item index|", start);
    }
    this.pos += m[0].length;
    this.skipWs();
    return names;
  }

  private closeTag(triple: boolean, start: number): void {
    this.skipWs();
    let strip = false;
    if (this.src[this.pos] === "~") {
      strip = true;
      this.pos++;
    }
    const close = triple ? "}}}" : "}}";
    if (!this.src.startsWith(close, this.pos)) {
      this.fail(this.pos >= this.src.length ? "Unclosed {{" : `Expected "${close}" but found "${this.src.slice(this.pos, this.pos + 10)}"`, this.pos >= this.src.length ? start : this.pos);
    }
    this.pos += close.length;
    if (strip) this.skipWs();
  }
}
