// A look at the first rows of a feedback CSV in the browser, so a person picks the event-id and
// reason columns by what is in them, and the header row is guessed before anything is sent.
import Papa from "papaparse";

export interface CsvPreview {
  rows: string[][];
  /** Column count of the widest preview row. */
  columns: number;
}

const EVENT_ID = /^[0-9a-f]{24}$/i;

export function previewCsv(text: string, rows = 6): CsvPreview {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { preview: rows, skipEmptyLines: true });
  const data = parsed.data.map((r) => r.map((c) => String(c ?? "").trim()));
  return { rows: data, columns: Math.max(0, ...data.map((r) => r.length)) };
}

/** The column (0-based) whose cells below the first row look like event ids, else the first. */
export function guessEventIdColumn(p: CsvPreview): number {
  for (let c = 0; c < p.columns; c++) {
    const cells = p.rows.slice(1).map((r) => r[c] ?? "");
    if (cells.length && cells.every((v) => EVENT_ID.test(v))) return c;
  }
  for (let c = 0; c < p.columns; c++) if (EVENT_ID.test(p.rows[0]?.[c] ?? "")) return c;
  return 0;
}

/** A header row: its cell in the event-id column is not an event id while the rows below are. */
export function guessHeader(p: CsvPreview, eventIdColumn: number): boolean {
  const first = p.rows[0]?.[eventIdColumn] ?? "";
  return p.rows.length > 0 && !EVENT_ID.test(first) && p.rows.slice(1).some((r) => EVENT_ID.test(r[eventIdColumn] ?? ""));
}

/** A header cell that names the reason column (`reason`, `Return reason`…), when there is a header. */
export function guessReasonColumn(p: CsvPreview, header: boolean): number | null {
  if (!header) return null;
  const i = (p.rows[0] ?? []).findIndex((c) => /reason/i.test(c));
  return i < 0 ? null : i;
}

/** "Column 2 · reason" with a header, "Column 2 · e.g. Wrong number" without. */
export function columnName(p: CsvPreview, index: number, header: boolean): string {
  const sample = header ? p.rows[0]?.[index] : p.rows.find((r) => r[index])?.[index];
  const shown = sample && sample.length > 40 ? `${sample.slice(0, 37)}…` : sample;
  return `Column ${index + 1}${shown ? (header ? ` · ${shown}` : ` · e.g. ${shown}`) : ""}`;
}
