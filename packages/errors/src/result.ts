import { CorridorError } from "./error.js";

/** What every `safe*` function returns: the value, or the CorridorError its throwing twin would throw. */
export type Result<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: CorridorError };

/**
 * Runs `fn` and returns its value as a {@link Result}. A CorridorError becomes `{ success: false }`;
 * any other exception is a bug, not bad input, and is rethrown.
 */
export function toResult<T>(fn: () => T): Result<T> {
  try {
    return { success: true, data: fn() };
  } catch (error) {
    if (error instanceof CorridorError) return { success: false, error };
    throw error;
  }
}

/** The asynchronous form of {@link toResult}. */
export async function toResultAsync<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return { success: true, data: await fn() };
  } catch (error) {
    if (error instanceof CorridorError) return { success: false, error };
    throw error;
  }
}
