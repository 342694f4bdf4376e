/**
 * Writes spec/test-vectors/envelope/stream.json from the cases in _stream-cases.ts.
 * Run: node --conditions=@corridor/source --import tsx packages/envelope/test/generate-stream-vectors.ts
 * (the encrypted vectors change on every run: commit once, regenerate only when a rule changes).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildStreamVectors } from "./_stream-cases.js";

const vectors = await buildStreamVectors();
const file = {
  description:
    "openStream(): every receiver rule of spec/streams.md with the error code it must produce (path in formatPath syntax), and valid streams with their outcome (stream id, chunk count, record total, stream digest = payload digest of the final chunk, record ids in order). input.stream is the base64url of the framed stream bytes (spec/streams.md §3); now is in seconds; trust is the recipient's trust store (spec/trust.md); replay lists (iss, jti, expiresAt) already in the replay store; keys are test keys. A receiver must reject each failing stream whole, whether it delivers after verification or as verified.",
  vectors,
};
const out = join(import.meta.dirname, "../../../spec/test-vectors/envelope/stream.json");
writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
console.log(`wrote ${vectors.length} vectors to ${out}`);
