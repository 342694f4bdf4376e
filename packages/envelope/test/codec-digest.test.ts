import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bytesEqual,
  digestString,
  digestStringSync,
  parseDigestString,
  sha256,
  sha256Sync,
} from "../src/codec/index.js";
import { failure, hex } from "./codec-helpers.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

// FIPS 180-4 examples (NIST CSRC "SHA256.pdf" example values) and the empty string.
const NIST: [Uint8Array, string][] = [
  [utf8(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
  [utf8("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  [
    utf8("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  ],
  [
    new Uint8Array(1_000_000).fill(0x61),
    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
  ],
];

describe("SHA-256 and content digests", () => {
  it("match the FIPS 180-4 examples, WebCrypto and noble alike", async () => {
    for (const [input, expected] of NIST) {
      expect(hex(await sha256(input))).toBe(expected);
      expect(hex(sha256Sync(input))).toBe(expected);
    }
  });

  it("format as sha256: + 43 characters of base64url", async () => {
    expect(await digestString(utf8("abc"))).toBe(
      "sha256:ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0",
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (data) => {
        const d = digestStringSync(data);
        expect(d).toMatch(/^sha256:[A-Za-z0-9_-]{43}$/);
        expect(bytesEqual(parseDigestString(d), sha256Sync(data))).toBe(true);
      }),
    );
    expect(await digestString(utf8("x"))).toBe(digestStringSync(utf8("x")));
  });

  it("parse strictly", () => {
    const good = "sha256:ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0";
    const bad = [
      "",
      "sha256:",
      good.toUpperCase(),
      "SHA256:ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0",
      "sha-256:ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0",
      `${good}=`,
      good.slice(0, -1),
      `${good}A`,
      "sha256:ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa1", // trailing bits
      "sha256:ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0", // standard alphabet
      ` ${good}`,
    ];
    expect(hex(parseDigestString(good))).toBe(NIST[1]![1]);
    for (const text of bad) {
      expect(failure(() => parseDigestString(text)).code).toBe("ERR_ENVELOPE_DIGEST_INVALID");
    }
  });
});
