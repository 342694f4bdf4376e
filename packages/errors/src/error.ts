import type { CorridorErrorCode } from "./codes/index.js";

/** One step of a path into a value: an object key or an array index. */
export type PathSegment = string | number;

/**
 * One problem found in a value. `message` names what is wrong, never the value itself: no
 * names, document numbers or dates of birth ever appear in an issue.
 */
export interface CorridorIssue {
  /** Where the problem is, from the root of the value being checked. */
  readonly path: readonly PathSegment[];
  /** A short machine-readable reason (e.g. `invalid_type`, `unrecognized_keys`, `clear_identifier`). */
  readonly reason: string;
  /** A human-readable explanation that contains no data from the value. */
  readonly message: string;
}

export interface CorridorErrorOptions {
  /** Path to the offending field, where there is one. */
  readonly path?: readonly PathSegment[] | undefined;
  /** Every problem found, where more than one may exist. */
  readonly issues?: readonly CorridorIssue[] | undefined;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/** Renders a path as `person.documents[0].number` (the root is `$`). */
export function formatPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return "$";
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(segment))
      out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * The one error class of every Corridor package.
 *
 * Branch on `code`, never on `message`: codes are stable, messages are for people. Messages name
 * the path of the offending field and never contain personal data from the input.
 *
 * @example
 * ```ts
 * import { CorridorError } from "@corridor/errors";
 * try { parseSharedRecord(input); } catch (err) {
 *   if (err instanceof CorridorError && err.code === "ERR_RECORD_INVALID") {
 *     for (const issue of err.issues) console.log(formatPath(issue.path), issue.reason);
 *   }
 * }
 * ```
 */
export class CorridorError<C extends CorridorErrorCode = CorridorErrorCode> extends Error {
  override readonly name = "CorridorError";
  /** Stable machine-readable code. */
  readonly code: C;
  /** Path to the offending field, where there is one. */
  readonly path: readonly PathSegment[] | undefined;
  /** Every problem found (may be empty when the error concerns the input as a whole). */
  readonly issues: readonly CorridorIssue[];

  constructor(code: C, message: string, options: CorridorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options.path === undefined ? undefined : Object.freeze([...options.path]);
    this.issues = Object.freeze([...(options.issues ?? [])]);
  }

  /** A plain, serializable view (for logs and audit trails): code, message, path, issues. */
  toJSON(): {
    name: "CorridorError";
    code: C;
    message: string;
    path?: string;
    issues: { path: string; reason: string; message: string }[];
  } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.path === undefined ? {} : { path: formatPath(this.path) }),
      issues: this.issues.map((i) => ({
        path: formatPath(i.path),
        reason: i.reason,
        message: i.message,
      })),
    };
  }
}

/** True when `value` is a CorridorError, optionally with the given code. */
export function isCorridorError<C extends CorridorErrorCode>(
  value: unknown,
  code?: C,
): value is CorridorError<C> {
  return value instanceof CorridorError && (code === undefined || value.code === code);
}
