/**
 * Number formatting with numeral.js format strings (spec 03 §2.2): `0,0.00`, optional decimals
 * `0.[00]` and `0[.]00`, abbreviations `a` (`ak am ab at` to force a unit), ordinals `o`, currency
 * `$` (prefix or suffix, locale symbol), percentages `%`, bytes `b`/`ib`, exponentials `e+`,
 * durations `00:00:00`, basis points `BPS`, signs `+`/`-`, parentheses for negatives and leading
 * zeros. Rounding is half-up on the decimal text (numeral's default `Math.round`).
 */
import { numberLocale, type NumberLocale } from "./locales";

/** Round `value` to `decimals` places via exponent shifting (avoids 1.005 → 1.00 binary artefacts). */
function roundShift(value: number, decimals: number): number {
  if (String(value).includes("e")) {
    // Exponent notation (|v| ≥ 1e21 or tiny): shifting by text would not parse; toFixed is exact enough.
    return Math.abs(value) < 1e21 ? Number(value.toFixed(decimals)) : value;
  }
  const shifted = Math.round(Number(`${value}e+${decimals}`));
  return Number(`${shifted}e-${decimals}`);
}

/** `value` with between `max - optional` and `max` decimals, trailing optional zeros removed. */
function toFixedText(value: number, maxDecimalsIn: number, optionalDecimalsIn = 0): string {
  // toFixed accepts at most 100 digits; no lead value needs more than 20.
  const maxDecimals = Math.min(maxDecimalsIn, 20);
  const optionalDecimals = Math.min(optionalDecimalsIn, maxDecimals);
  const parts = String(value).split(".");
  const minDecimals = maxDecimals - optionalDecimals;
  const have = parts.length === 2 && !parts[1].includes("e") ? parts[1].length : 0;
  const bounded = Math.min(Math.max(have, minDecimals), maxDecimals);
  let out = roundShift(value, bounded).toFixed(bounded);
  if (optionalDecimals > maxDecimals - bounded) {
    const strip = optionalDecimals - (maxDecimals - bounded);
    out = out.replace(new RegExp(`\\.?0{1,${strip}}$`), "");
  }
  return out;
}

function insertAt(s: string, sub: string, index: number): string {
  return s.slice(0, index) + sub + s.slice(index);
}

/** The core numeral.js number formatter: no `$ % o b e :` handling. */
function formatPlain(value: number, format: string, locale: NumberLocale): string {
  let fmt = format;
  let negParens = false;
  let signed = -1;
  let abbr = "";
  let optDec = false;
  const abs = Math.abs(value);
  let v = value;

  if (fmt.includes("(")) {
    negParens = true;
    fmt = fmt.replace(/[()]/g, "");
  } else if (fmt.includes("+") || fmt.includes("-")) {
    signed = fmt.includes("+") ? fmt.indexOf("+") : value < 0 ? fmt.indexOf("-") : -1;
    fmt = fmt.replace(/[+-]/g, "");
  }

  let abbrForce: string | false = false;
  if (fmt.includes("a")) {
    const m = /a(k|m|b|t)?/.exec(fmt);
    abbrForce = m && m[1] ? m[1] : false;
    if (fmt.includes(" a")) abbr = " ";
    fmt = fmt.replace(new RegExp(`${abbr}a[kmbt]?`), "");
    const T = 1e12, B = 1e9, M = 1e6, K = 1e3;
    if ((abs >= T && !abbrForce) || abbrForce === "t") {
      abbr += locale.abbreviations.trillion;
      v = v / T;
    } else if ((abs < T && abs >= B && !abbrForce) || abbrForce === "b") {
      abbr += locale.abbreviations.billion;
      v = v / B;
    } else if ((abs < B && abs >= M && !abbrForce) || abbrForce === "m") {
      abbr += locale.abbreviations.million;
      v = v / M;
    } else if ((abs < M && abs >= K && !abbrForce) || abbrForce === "k") {
      abbr += locale.abbreviations.thousand;
      v = v / K;
    }
  }

  if (fmt.includes("[.]")) {
    optDec = true;
    fmt = fmt.replace("[.]", ".");
  }

  const dot = fmt.indexOf(".");
  let precision = dot >= 0 ? fmt.slice(dot + 1) : "";
  const thousands = fmt.indexOf(",");
  const intPart = (dot >= 0 ? fmt.slice(0, dot) : fmt).split(",")[0];
  const leadingCount = (intPart.match(/0/g) ?? []).length;

  let int: string;
  let decimal = "";
  if (precision) {
    let text: string;
    if (precision.includes("[")) {
      precision = precision.replace("]", "");
      const [fixed, optional] = precision.split("[");
      text = toFixedText(v, fixed.length + optional.length, optional.length);
    } else {
      text = toFixedText(v, precision.length);
    }
    const p = text.indexOf(".");
    int = p >= 0 ? text.slice(0, p) : text;
    decimal = p >= 0 ? locale.decimal + text.slice(p + 1) : "";
    if (optDec && Number(decimal.slice(1)) === 0) decimal = "";
  } else {
    int = toFixedText(v, 0);
  }

  // Rounding may carry an abbreviated value to the next unit (999.95k → 1m).
  if (abbr && !abbrForce && Number(int) >= 1000 && !abbr.endsWith(locale.abbreviations.trillion)) {
    int = String(Number(int) / 1000);
    const units = [locale.abbreviations.thousand, locale.abbreviations.million, locale.abbreviations.billion, locale.abbreviations.trillion];
    const space = abbr.startsWith(" ") ? " " : "";
    const idx = units.indexOf(abbr.trim());
    if (idx >= 0 && idx < 3) abbr = space + units[idx + 1];
  }

  let neg = false;
  if (int.startsWith("-")) {
    int = int.slice(1);
    neg = true;
  }
  // "-0" after rounding a tiny negative is plain zero.
  if (neg && Number(int) === 0 && Number(decimal.slice(1) || "0") === 0) neg = false;
  if (int.length < leadingCount) int = "0".repeat(leadingCount - int.length) + int;
  if (thousands > -1) int = int.replace(/(\d)(?=(\d{3})+(?!\d))/g, `$1${locale.thousands}`);
  if (fmt.indexOf(".") === 0) int = "";

  let out = int + decimal + abbr;
  if (negParens) {
    out = neg ? `(${out})` : out;
  } else if (signed >= 0) {
    out = signed === 0 ? (neg ? "-" : "+") + out : out + (neg ? "-" : "+");
  } else if (neg) {
    out = `-${out}`;
  }
  return out;
}

function formatCurrency(value: number, format: string, locale: NumberLocale): string {
  const before = /^[+\-(\s$]*/.exec(format)?.[0] ?? "";
  const after = /[+\-)\s$]*$/.exec(format)?.[0] ?? "";
  let b = before;
  let a = after;
  let out = formatPlain(value, format.replace(/\s?\$\s?/, ""), locale);
  if (value >= 0) {
    b = b.replace(/[-(]/, "");
    a = a.replace(/[-)]/, "");
  } else if (!b.includes("-") && !b.includes("(")) {
    b = `-${b}`;
  }
  const sym = locale.currency;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === "$") out = insertAt(out, sym, i);
    else if (b[i] === " ") out = insertAt(out, " ", i + sym.length - 1);
  }
  for (let i = a.length - 1; i >= 0; i--) {
    const last = i === a.length - 1;
    if (a[i] === "$") out = last ? out + sym : insertAt(out, sym, out.length - (a.length - (1 + i)));
    else if (a[i] === " ") out = last ? `${out} ` : insertAt(out, " ", out.length - (a.length - (1 + i) + sym.length - 1));
  }
  return out;
}

function formatPercent(value: number, format: string, locale: NumberLocale): string {
  const space = format.includes(" %") ? " " : "";
  const scaled = roundShift(value * 100, 10);
  const out = formatPlain(scaled, format.replace(/\s?%/, ""), locale);
  if (out.includes(")")) return `${out.slice(0, -1)}${space}%)`;
  return `${out}${space}%`;
}

function formatOrdinal(value: number, format: string, locale: NumberLocale): string {
  const space = format.includes(" o") ? " " : "";
  const out = formatPlain(value, format.replace(/\s?o/, ""), locale);
  return `${out}${space}${locale.ordinal(value)}`;
}

const DECIMAL_BYTES = { base: 1000, suffixes: ["B", "KB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"] };
const BINARY_BYTES = { base: 1024, suffixes: ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"] };

function formatBytes(value: number, format: string, locale: NumberLocale): string {
  const units = format.includes("ib") ? BINARY_BYTES : DECIMAL_BYTES;
  let suffix = format.includes(" b") || format.includes(" ib") ? " " : "";
  let v = value;
  for (let power = 0; power < units.suffixes.length; power++) {
    const min = Math.pow(units.base, power);
    const max = Math.pow(units.base, power + 1);
    if (v !== 0 && v >= min && v < max) {
      suffix += units.suffixes[power];
      if (min > 0) v = v / min;
      break;
    }
  }
  return formatPlain(v, format.replace(/\s?i?b/, ""), locale) + suffix;
}

function formatExponential(value: number, format: string, locale: NumberLocale): string {
  const [mantissa, exponent] = value.toExponential().split("e");
  return `${formatPlain(Number(mantissa), format.replace(/e[+-]0*/, ""), locale)}e${exponent}`;
}

function formatDuration(value: number): string {
  const hours = Math.floor(value / 3600);
  const minutes = Math.floor((value - hours * 3600) / 60);
  const seconds = Math.round(value - hours * 3600 - minutes * 60);
  return `${hours}:${minutes < 10 ? "0" : ""}${minutes}:${seconds < 10 ? "0" : ""}${seconds}`;
}

function formatBps(value: number, format: string, locale: NumberLocale): string {
  const space = format.includes(" BPS") ? " " : "";
  const out = formatPlain(roundShift(value * 10000, 10), format.replace(/\s?BPS/, ""), locale);
  if (out.includes(")")) return `${out.slice(0, -1)}${space}BPS)`;
  return `${out}${space}BPS`;
}

/**
 * Format a finite number with a numeral.js format string and locale (`en` when unknown).
 * The format family is picked like numeral does: BPS, bytes, currency, exponential, ordinal,
 * percent, duration, then plain.
 */
export function formatNumber(value: number, format: string, locale?: string): string {
  if (!Number.isFinite(value)) return "";
  const loc = numberLocale(locale);
  if (format.includes("BPS")) return formatBps(value, format, loc);
  if (/[0\s]i?b/.test(format)) return formatBytes(value, format, loc);
  if (format.includes("$")) return formatCurrency(value, format, loc);
  if (/e[+-]/.test(format)) return formatExponential(value, format, loc);
  if (format.includes("o")) return formatOrdinal(value, format, loc);
  if (format.includes("%")) return formatPercent(value, format, loc);
  if (format.includes(":")) return formatDuration(value);
  return formatPlain(value, format, loc);
}
