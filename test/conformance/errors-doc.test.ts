import { readFileSync } from "node:fs";
import { ERROR_CODES } from "@corridor/errors";
import { describe, expect, it } from "vitest";

/** spec/errors.md is the list other implementations read: it must name exactly the codes the SDK raises. */
describe("spec/errors.md", () => {
  const text = readFileSync(new URL("../../spec/errors.md", import.meta.url), "utf8");
  const documented = new Set(text.match(/\bERR_[A-Z0-9_]+\b/g) ?? []);

  it("documents every error code of the SDK", () => {
    const missing = ERROR_CODES.filter((code) => !documented.has(code));
    expect(missing).toEqual([]);
  });

  it("documents no code the SDK does not have", () => {
    const known = new Set<string>(ERROR_CODES);
    const unknown = [...documented].filter((code) => !known.has(code));
    expect(unknown).toEqual([]);
  });
});
