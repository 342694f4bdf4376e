import { CorridorError, type CorridorErrorCode, type PathSegment } from "@corridor/errors";

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
