/**
 * The work of one chunk, the same in a worker thread and in the calling thread (threads: 0).
 */
import { CorridorError } from "@corridor/errors";
import { type Pseudonymizer, safePseudonymizeRecord } from "@corridor/pseudonym";
import type { HeldRecord } from "@corridor/schema";
import { toWire, type WireError, type WireOutcome } from "./protocol.js";

export function pseudonymizeChunk(
  records: readonly unknown[],
  p: Pseudonymizer,
  inputValidated: boolean,
): WireOutcome[] {
  const out: WireOutcome[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    try {
      const r = safePseudonymizeRecord(records[i] as HeldRecord, p, { inputValidated });
      out[i] = r.success ? { record: r.data } : { error: toWire(r.error) };
    } catch (error) {
      out[i] = { error: toWire(error) };
    }
  }
  return out;
}

const NOT_JSON: WireError = toWire(
  new CorridorError("ERR_RECORD_INVALID", "line is not a JSON value", {
    path: [],
    issues: [{ path: [], reason: "invalid_json", message: "line is not a JSON value" }],
  }),
);

/** Each line: JSON.parse, pseudonymize, JSON.stringify. A line that is not JSON is ERR_RECORD_INVALID. */
export function pseudonymizeLines(
  lines: readonly string[],
  p: Pseudonymizer,
  inputValidated: boolean,
): (string | WireError)[] {
  const out: (string | WireError)[] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    let value: unknown;
    try {
      value = JSON.parse(lines[i]!);
    } catch {
      out[i] = NOT_JSON;
      continue;
    }
    try {
      const r = safePseudonymizeRecord(value as HeldRecord, p, { inputValidated });
      out[i] = r.success ? JSON.stringify(r.data) : toWire(r.error);
    } catch (error) {
      out[i] = toWire(error);
    }
  }
  return out;
}
