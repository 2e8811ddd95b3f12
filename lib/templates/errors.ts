/**
 * The one error type of the template language. Thrown by `compileTemplate` for syntax errors,
 * unknown helpers and invalid literal options (bad regex, unknown time zone), and by `render`
 * when a limit is exceeded or a dynamic option turns out invalid. Callers treat a throw during
 * rendering as "this template failed": rules skip the rule, mappings skip the mapping (spec 02 §6,
 * 03 §3).
 */
export class TemplateError extends Error {
  /** 1-based line and column of the problem in the template source, when known. */
  readonly line?: number;
  readonly column?: number;
  /** `syntax` and `helper` come from compilation; `limit` and `render` from rendering. */
  readonly kind: "syntax" | "helper" | "limit" | "render";

  constructor(
    message: string,
    kind: TemplateError["kind"] = "syntax",
    position?: { line: number; column: number },
  ) {
    super(position ? `${message} (line ${position.line}, column ${position.column})` : message);
    this.name = "TemplateError";
    this.kind = kind;
    this.line = position?.line;
    this.column = position?.column;
  }
}

/** 1-based line/column of an offset in a source string (only computed when an error is raised). */
export function positionOf(src: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < src.length; i++) {
    if (src.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
