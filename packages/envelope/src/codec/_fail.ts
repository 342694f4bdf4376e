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
  toError(): CorridorError {
    const path = this.reversedPath.slice().reverse();
    return codecError(this.code, this.reason, this.message, path);
  }
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
