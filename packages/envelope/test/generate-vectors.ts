/**
 * Writes spec/test-vectors/envelope/open.json from the cases in _cases.ts.
 * Run: node --conditions=@corridor/source --import tsx packages/envelope/test/generate-vectors.ts
 * (vectors with ES256 or JWE change on every run: commit once, regenerate only when a rule changes).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildVectors } from "./_cases.js";

const vectors = await buildVectors();
const file = {
  description:
    "open(): every rejection rule of spec/envelope.md with the error codes it must produce (in check order; path in formatPath syntax where given), and valid envelopes with the payload digest, manifest and records they yield. input.envelope is base64url; times are seconds; trust is the recipient's trust store (spec/trust.md); keys are test keys.",
  vectors,
};
const out = join(import.meta.dirname, "../../../spec/test-vectors/envelope/open.json");
writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
console.log(`wrote ${vectors.length} vectors to ${out}`);
