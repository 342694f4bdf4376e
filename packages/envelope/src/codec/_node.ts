/**
 * Node.js's Buffer, where the code runs on Node.js, for a few hot paths where it is several
 * times faster than portable code (long base64url, ASCII strings); `undefined` in browsers and
 * other engines, which take the portable path. Only Node.js itself counts: a Buffer polyfill in
 * a browser bundle is not used. Every use keeps the portable path's exact result (see callers).
 */
type NodeBufferInstance = Uint8Array & { toString(encoding?: "base64url"): string };

export interface NodeBufferApi {
  from(text: string, encoding: "base64url"): NodeBufferInstance;
  /** A view of the same memory, no copy. */
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): NodeBufferInstance;
  /** The UTF-8 length of a text (native; equal to its length exactly when it is ASCII). */
  byteLength(text: string, encoding: "utf8"): number;
  prototype: { latin1Slice(this: Uint8Array, start: number, end: number): string };
}

const g = globalThis as {
  Buffer?: NodeBufferApi;
  process?: { versions?: { node?: string } };
};

export const nodeBuffer: NodeBufferApi | undefined =
  typeof g.process?.versions?.node === "string" &&
  typeof g.Buffer?.from === "function" &&
  typeof g.Buffer.byteLength === "function" &&
  typeof g.Buffer.prototype?.latin1Slice === "function"
    ? g.Buffer
    : undefined;
