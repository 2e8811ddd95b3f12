import { describe, expect, it } from "vitest";
import { columnName, guessEventIdColumn, guessHeader, guessReasonColumn, previewCsv } from "./csv-preview";

const A = "63cc6f0e55254d7d1c4c3040";
const B = "63cc6f0e55254d7d1c4c3041";

describe("feedback CSV preview", () => {
  it("finds the event-id column, the header row and the reason column", () => {
    const p = previewCsv(`\uFEFFemail,Event ID,Return reason\nann@example.com,${A},"Wrong number, twice"\nbo@example.com,${B},\n`);
    expect(p.columns).toBe(3);
    const id = guessEventIdColumn(p);
    expect(id).toBe(1);
    expect(guessHeader(p, id)).toBe(true);
    expect(guessReasonColumn(p, true)).toBe(2);
    expect(p.rows[1][2]).toBe("Wrong number, twice");
    expect(columnName(p, 2, true)).toBe("Column 3 · Return reason");
  });

  it("reads a bare column of ids as data, not a header", () => {
    const p = previewCsv(`${A}\n${B}\n`);
    expect(guessEventIdColumn(p)).toBe(0);
    expect(guessHeader(p, 0)).toBe(false);
    expect(guessReasonColumn(p, false)).toBeNull();
    expect(columnName(p, 0, false)).toBe(`Column 1 · e.g. ${A}`);
  });

  it("falls back to the first column when nothing looks like an event id", () => {
    const p = previewCsv("a,b\nc,d\n");
    expect(guessEventIdColumn(p)).toBe(0);
    expect(guessHeader(p, 0)).toBe(false);
  });
});
