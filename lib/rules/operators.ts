// The operator vocabulary of spec 02 §1, with the pieces the UI, the zod schemas and the reason
// generator need. One table so the three cannot drift apart.

export const BINARY_OPERATORS = [
  "is equal to",
  "is not equal to",
  "is less than",
  "is less than or equal to",
  "is greater than",
  "is greater than or equal to",
  "is between",
  "is not between",
  "is included in",
  "is not included in",
  "includes",
  "does not include",
  "matches pattern",
  "does not match pattern",
] as const;

export const UNARY_OPERATORS = [
  "is blank",
  "is not blank",
  "is true",
  "is not true",
  "is false",
  "is not false",
  "format is valid",
  "format is invalid",
  "is obscene",
  "is not obscene",
] as const;

export type BinaryOperator = (typeof BINARY_OPERATORS)[number];
export type UnaryOperator = (typeof UNARY_OPERATORS)[number];
export type Operator = BinaryOperator | UnaryOperator;
export type Arity = "binary" | "unary";

export interface OperatorInfo {
  op: Operator;
  arity: Arity;
  /** Verb phrase used in generated failure reasons (spec 02 §6): `<label> <mustPhrase> [<rhv>]`. */
  mustPhrase: string;
  /** Friendlier phrase for the plain-language preview of `describeRuleSet`. */
  describePhrase: string;
}

// Generated reasons follow the spec grammar mechanically: "is X" → "must be X", "is not X" →
// "must not be X", plus the handful of verbs that do not start with "is".
function mustPhraseOf(op: string): string {
  switch (op) {
    case "includes":
      return "must include";
    case "does not include":
      return "must not include";
    case "matches pattern":
      return "must match pattern";
    case "does not match pattern":
      return "must not match pattern";
    case "format is valid":
      return "must be valid";
    case "format is invalid":
      return "must be invalid";
  }
  if (op.startsWith("is not ")) return "must not be " + op.slice("is not ".length);
  if (op.startsWith("is ")) return "must be " + op.slice("is ".length);
  return "must " + op;
}

const DESCRIBE_PHRASES: Partial<Record<Operator, string>> = {
  "is included in": "is one of",
  "is not included in": "is not one of",
};

function info(op: Operator, arity: Arity): OperatorInfo {
  return { op, arity, mustPhrase: mustPhraseOf(op), describePhrase: DESCRIBE_PHRASES[op] ?? op };
}

/** Every operator with its arity, in the order the UI should offer them. */
export const OPERATORS: readonly OperatorInfo[] = Object.freeze([
  ...BINARY_OPERATORS.map((op) => info(op, "binary")),
  ...UNARY_OPERATORS.map((op) => info(op, "unary")),
]);

const BY_NAME: ReadonlyMap<string, OperatorInfo> = new Map(OPERATORS.map((o) => [o.op, o]));

export function operatorInfo(op: unknown): OperatorInfo | undefined {
  return typeof op === "string" ? BY_NAME.get(op) : undefined;
}

export function isOperator(op: unknown): op is Operator {
  return typeof op === "string" && BY_NAME.has(op);
}

export function isBinaryOperator(op: unknown): op is BinaryOperator {
  return operatorInfo(op)?.arity === "binary";
}

export function isUnaryOperator(op: unknown): op is UnaryOperator {
  return operatorInfo(op)?.arity === "unary";
}
