import {
  CorridorError,
  type CorridorErrorCode,
  formatPath,
  type PathSegment,
} from "@corridor/errors";

/**
 * Builds the CorridorError every codec raises: one issue with a machine-readable reason, the path
 * of the offending member, and a message that never contains input data.
 */
export function codecError(
  code: CorridorErrorCode,
  reason: string,
  message: string,
  path: readonly PathSegment[] = [],
): CorridorError {
  return new CorridorError(code, message, {
    path,
    issues: [{ path, reason, message }],
  });
}

/**
 * Thrown inside decoders and caught at the public boundary. Frames that own a path segment
 * add it on the way out (`path` is built innermost-first), so the happy path pays nothing for paths.
 */
export class DecodeFailure {
  readonly code: CorridorErrorCode;
  readonly reason: string;
  readonly message: string;
  /** Innermost segment first. */
  readonly reversedPath: PathSegment[] = [];
  constructor(code: CorridorErrorCode, reason: string, message: string) {
    this.code = code;
    this.reason = reason;
    this.message = message;
  }
  /**
   * The public error. With `known` (a set, a predicate, or null for none), member names are
   * written only when `known` accepts them or the specification defines them (the forbidden
   * keys); any other name becomes `<unknown key>`, since names taken from the input may
   * themselves be personal data (spec/errors.md, Messages never contain values). Without
   * `known`, the path is written as it is.
   */
  toError(known?: KnownNames | null): CorridorError {
    const path = this.reversedPath.slice().reverse();
    if (known !== undefined) {
      for (let i = 0; i < path.length; i++) {
        const segment = path[i]!;
        if (typeof segment === "string" && !isKnown(segment, known)) path[i] = UNKNOWN_KEY;
      }
    }
    return codecError(this.code, this.reason, this.message, path);
  }
}

/** What an unknown member name is written as in a path (spec/errors.md, Paths). */
export const UNKNOWN_KEY = "<unknown key>";

/**
 * The member names a caller allows in error paths: a set, or a predicate. `null` allows none (the
 * default of the decoders).
 */
export type KnownNames = ReadonlySet<string> | ((name: string) => boolean);

function isKnown(name: string, known: KnownNames | null): boolean {
  if (name === "__proto__" || name === "constructor" || name === "prototype") return true;
  if (known === null) return false;
  return typeof known === "function" ? known(name) === true : known.has(name);
}

/**
 * Where a value came from, as callers name it: a path (`["signatures", 0, "protected"]`) or one
 * string segment (`"payload"`).
 */
export type PathLike = string | readonly PathSegment[];

/** The path segments and the display name of a {@link PathLike}. */
export function toPath(
  path: PathLike | undefined,
  fallback: string,
): {
  segments: PathSegment[];
  name: string;
} {
  if (path === undefined) return { segments: [], name: fallback };
  if (typeof path === "string") return { segments: [path], name: path };
  return { segments: [...path], name: formatPath(path) };
}

/** Options of the strict decoders. */
export interface DecodeOptions {
  /**
   * Member names that may appear in error paths (for example the names the record schema or the
   * envelope format define); other names from the input are written as `<unknown key>`. Default:
   * for `decodeBody`, none (every member name of a record is redacted, record indexes are kept);
   * for `parseJsonStrict` and `decodeMsgpackStrict`, every name is written as is (they decode
   * protocol structures; pass `knownNames` when member names may be personal data).
   */
  readonly knownNames?: KnownNames | undefined;
}
