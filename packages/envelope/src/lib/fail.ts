import { CorridorError, type CorridorErrorCode, type PathSegment } from "@corridor/errors";

/** Throws an ERR_INVALID_ARGUMENT naming the option at fault (a bug in the calling program). */
export function invalidArgument(path: readonly PathSegment[], message: string): CorridorError {
  return new CorridorError("ERR_INVALID_ARGUMENT", `${path.join(".")}: ${message}`, {
    path,
    issues: [{ path, reason: "invalid_argument", message }],
  });
}

/** A CorridorError with one issue whose reason is its own code. */
export function fail(
  code: CorridorErrorCode,
  message: string,
  path: readonly PathSegment[] = [],
  cause?: unknown,
): CorridorError {
  return new CorridorError(code, message, {
    path,
    issues: [{ path, reason: code, message }],
    cause,
  });
}
