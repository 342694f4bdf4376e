/**
 * spec/normalization.md lists every table row of the normalization; this checks that the document
 * and the code's tables (src/pseudonymize/tables.ts) hold exactly the same rows.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TABLES } from "../src/index.js";

const SPEC = readFileSync(
  join(import.meta.dirname, "..", "..", "..", "spec", "normalization.md"),
  "utf8",
);

function rowsOf(name: string): Map<string, string> {
  const m = new RegExp(`<!-- table:${name} -->([\\s\\S]*?)<!-- /table:${name} -->`).exec(SPEC);
  expect(m, `table ${name} in spec/normalization.md`).not.toBeNull();
  const rows = new Map<string, string>();
  for (const line of m![1]!.split("\n")) {
    const cells = /^\| U\+([0-9A-F]{4,6}) \| ([^|]*) \| ([^|]*) \|/.exec(line);
    if (cells === null) continue;
    const from = String.fromCodePoint(Number.parseInt(cells[1]!, 16));
    if (cells[2]!.trim() !== "") expect(cells[2]!.trim()).toBe(from);
    const to = cells[3]!.trim();
    rows.set(from, to === "(deleted)" ? "" : to.replace(/^`|`$/g, ""));
  }
  return rows;
}

describe("spec/normalization.md and tables.ts", () => {
  it.each(Object.keys(TABLES))("agree on every row of table %s", (name) => {
    const spec = rowsOf(name);
    const code = new Map(TABLES[name as keyof typeof TABLES].map((r) => [r.from, r.to]));
    expect(spec.size).toBeGreaterThan(0);
    expect([...spec].sort()).toEqual([...code].sort());
  });

  it("has no code point in two tables", () => {
    const all = Object.values(TABLES).flatMap((t) => t.map((r) => r.from));
    expect(new Set(all).size).toBe(all.length);
  });

  it("has only lower-case, NFD-stable keys and lower-case ASCII values", () => {
    for (const table of Object.values(TABLES)) {
      for (const row of table) {
        expect([...row.from]).toHaveLength(1);
        expect(row.from.toLowerCase()).toBe(row.from);
        expect(row.from.normalize("NFD")).toBe(row.from);
        expect(row.to).toMatch(/^[a-z]*$/);
      }
    }
  });
});
