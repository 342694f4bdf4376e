/**
 * spec/errors.md, Messages never contain values: a member name taken from hostile input is
 * written only when the specification defines it, else as `<unknown key>` — in the message, the
 * path, the issues, `toJSON()` and every `cause`. A name like "Maria Lopez" is personal data.
 */
import { CorridorError } from "@corridor/errors";
import { describe, expect, it } from "vitest";
import {
  createTrustStore,
  decrypt,
  open,
  safeOpen,
  seal,
  type TrustedAgencies,
} from "../src/index.js";
import {
  agencies,
  deuKeys,
  input,
  KEYS,
  NOW_MS,
  openOptions,
  publicOf,
  RECIPIENT,
  record,
  SENDER,
  signer,
} from "./_fixtures.js";
import { joinFrame, resign, splitFrame } from "./_tamper.js";

const NAME = "Maria Lopez";

/** Every text an error exposes, its causes included. */
function exposed(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e !== undefined && depth < 8; depth++) {
    if (e instanceof CorridorError) {
      parts.push(e.message, JSON.stringify(e.path), JSON.stringify(e.issues));
      parts.push(JSON.stringify(e.toJSON()), String(e));
    } else if (e instanceof Error) parts.push(e.message, String(e));
    else parts.push(String(e));
    e = (e as { cause?: unknown }).cause;
  }
  return parts.join("\n");
}

function expectNoName(error: unknown): void {
  expect(error).toBeInstanceOf(CorridorError);
  const text = exposed(error);
  expect(text).not.toContain("Maria");
  expect(text).not.toContain("Lopez");
}

async function rejection(bytes: Uint8Array): Promise<unknown> {
  const thrown = await open(bytes, openOptions()).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(thrown).toBeDefined();
  expectNoName(thrown);
  const safe = await safeOpen(bytes, openOptions());
  expect(safe.success).toBe(false);
  if (!safe.success) expectNoName(safe.error);
  return thrown;
}

const plain = async () => (await seal(input([record(1)]), { signer, now: NOW_MS })).envelope;
const re = async (edit: Parameters<typeof resign>[1]) => resign(await plain(), edit, KEYS.grcSig);

describe("member names from the input never appear in errors", () => {
  it("an unknown manifest member, at any depth", async () => {
    const top = await rejection(await re({ manifest: (m) => ({ ...m, [NAME]: "x" }) }));
    expect(top).toMatchObject({
      code: "ERR_ENVELOPE_MANIFEST_INVALID",
      path: ["manifest", "<unknown key>"],
    });
    for (const member of ["agreement", "pseudonymization"]) {
      const nested = await rejection(
        await re({
          manifest: (m) => ({ ...m, [member]: { ...(m[member] as object), [NAME]: 1 } }),
        }),
      );
      expect(nested).toMatchObject({
        code: "ERR_ENVELOPE_MANIFEST_INVALID",
        path: ["manifest", member, "<unknown key>"],
      });
    }
  });

  it("a manifest that does not parse under that name (duplicate, too deep)", async () => {
    const dup = await re({
      manifestText: (t) => t.replace("{", `{"${NAME}":1,"${NAME}":2,`),
    });
    expect(await rejection(dup)).toMatchObject({
      code: "ERR_ENVELOPE_DUPLICATE_KEY",
      path: ["manifest", "<unknown key>"],
    });
    const deep = await re({ manifestText: (t) => t.replace("{", `{"${NAME}":[[[[[[[1]]]]]]],`) });
    expect(await rejection(deep)).toMatchObject({
      code: "ERR_LIMIT_EXCEEDED",
      path: ["manifest", "<unknown key>", 0, 0, 0],
    });
  });

  it("an unknown protected header parameter, or one that does not parse", async () => {
    const unknown = await rejection(await re({ header: (h) => ({ ...h, [NAME]: true }) }));
    expect(unknown).toMatchObject({
      code: "ERR_ENVELOPE_HEADER_INVALID",
      path: ["signatures", 0, "protected", "<unknown key>"],
    });
    await rejection(
      await re({ protectedText: (t) => t.replace("{", `{"${NAME}":1,"${NAME}":1,`) }),
    );
  });

  it("unknown members of the JWS and of a signature entry", async () => {
    const frame = await plain();
    const { jws, body } = splitFrame(frame);
    const top = JSON.parse(jws);
    top[NAME] = 1;
    expect(await rejection(joinFrame(JSON.stringify(top), body))).toMatchObject({
      code: "ERR_ENVELOPE_MALFORMED",
      path: ["jws", "<unknown key>"],
    });
    const entry = JSON.parse(jws);
    entry.signatures[0][NAME] = 1;
    expect(await rejection(joinFrame(JSON.stringify(entry), body))).toMatchObject({
      code: "ERR_ENVELOPE_MALFORMED",
      path: ["jws", "signatures", 0, "<unknown key>"],
    });
  });

  it("unknown members anywhere in a JWE", async () => {
    const sealed = await seal(input([record(1)]), {
      signer,
      now: NOW_MS,
      encryptTo: [{ agency: RECIPIENT, kid: "deu-enc-1", publicKey: publicOf(KEYS.deuEnc) }],
    });
    const jwe = JSON.parse(new TextDecoder().decode(sealed.envelope));
    const edits: ((
      j: Record<string, unknown> & { recipients: Record<string, unknown>[] },
    ) => void)[] = [
      (j) => {
        j[NAME] = 1;
      },
      (j) => {
        j.recipients[0]![NAME] = 1;
      },
      (j) => {
        (j.recipients[0]!.header as Record<string, unknown>)[NAME] = 1;
      },
      (j) => {
        // one recipient: the epk is in the protected header
        const h = JSON.parse(Buffer.from(j.protected as string, "base64url").toString());
        h.epk[NAME] = 1;
        j.protected = Buffer.from(JSON.stringify(h)).toString("base64url");
      },
      (j) => {
        const h = JSON.parse(Buffer.from(j.protected as string, "base64url").toString());
        h[NAME] = 1;
        j.protected = Buffer.from(JSON.stringify(h)).toString("base64url");
      },
      (j) => {
        const text = Buffer.from(j.protected as string, "base64url").toString();
        j.protected = Buffer.from(text.replace("{", `{"${NAME}":1,"${NAME}":1,`)).toString(
          "base64url",
        );
      },
    ];
    for (const edit of edits) {
      const copy = structuredClone(jwe);
      edit(copy);
      const bytes = new TextEncoder().encode(JSON.stringify(copy));
      await rejection(bytes);
      const direct = await decrypt(bytes, { keys: deuKeys }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expectNoName(direct);
    }
  });

  it("trust store: an agency id that is not one, an unknown member, an unknown JWK member", () => {
    const base = agencies() as unknown as Record<string, { keys: Record<string, unknown>[] }>;
    const cases: Record<string, unknown>[] = [
      { ...base, [NAME]: { keys: [] } },
      { ...base, [SENDER]: { ...base[SENDER], [NAME]: 1 } },
      { ...base, [SENDER]: { keys: [{ ...base[SENDER]!.keys[0], [NAME]: 1 }] } },
    ];
    for (const c of cases) {
      let caught: unknown;
      try {
        createTrustStore(c as unknown as TrustedAgencies);
      } catch (e) {
        caught = e;
      }
      expectNoName(caught);
      expect((caught as CorridorError).path).toContain("<unknown key>");
    }
  });
});
