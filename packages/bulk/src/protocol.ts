/**
 * Messages between the pool and its worker threads, and how a CorridorError crosses the thread
 * boundary (structured clone keeps only plain data: code, message, path and issues travel, the
 * class is rebuilt on the other side).
 */
import {
  CorridorError,
  type CorridorErrorCode,
  type CorridorIssue,
  type PathSegment,
} from "@corridor/errors";
import type { AgreementSecret, PseudonymizerOptions } from "@corridor/pseudonym";
import type { SharedRecord } from "@corridor/schema";

/** `workerData` of every worker: the agreement secret and the pseudonymizer options. */
export interface WorkerInit {
  readonly secret: AgreementSecret;
  readonly pseudonymizer: PseudonymizerOptions;
  readonly inputValidated: boolean;
}

/** A chunk of records to pseudonymize: objects, or NDJSON text (one held record per line). */
export type Task =
  | { readonly id: number; readonly kind: "records"; readonly records: readonly unknown[] }
  | { readonly id: number; readonly kind: "ndjson"; readonly lines: readonly string[] };

/** A CorridorError as plain data. */
export interface WireError {
  readonly code: CorridorErrorCode;
  readonly message: string;
  readonly path?: readonly PathSegment[];
  readonly issues: readonly CorridorIssue[];
}

/** The outcome of one record, in the order of the task's records. */
export type WireOutcome = { readonly record: SharedRecord } | { readonly error: WireError };

/** The reply to a task: one outcome per record (for NDJSON, the shared record as JSON text). */
export type Reply =
  | { readonly id: number; readonly kind: "records"; readonly outcomes: readonly WireOutcome[] }
  | {
      readonly id: number;
      readonly kind: "ndjson";
      readonly outcomes: readonly (string | WireError)[];
    };

export function toWire(error: unknown): WireError {
  if (error instanceof CorridorError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.path === undefined ? {} : { path: [...error.path] }),
      issues: error.issues.map((i) => ({
        path: [...i.path],
        reason: i.reason,
        message: i.message,
      })),
    };
  }
  // Not bad input but a bug: report it without any data from the record.
  return {
    code: "ERR_INTERNAL",
    message: "unexpected failure while pseudonymizing a record",
    issues: [],
  };
}

export function fromWire(error: WireError): CorridorError {
  return new CorridorError(error.code, error.message, { path: error.path, issues: error.issues });
}
