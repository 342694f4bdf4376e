/**
 * Envelope benchmark (`pnpm bench envelope`).
 *
 * 1. Small envelopes (one record): seals per second and opens per second, against raw node:crypto
 *    sign / verify of the same signing input — what a signature alone costs. Corridor signs and
 *    verifies with WebCrypto (it must run in browsers), whose calls are asynchronous jobs on a
 *    thread pool: one at a time they mostly wait, so the figures are given one at a time and
 *    with 16 in flight (how a server handles many envelopes).
 * 2. One envelope of N records (default 100,000): seal + open, against the work no envelope format
 *    can avoid — MessagePack encode and strict decode, zod validation on both sides (the sender
 *    must refuse held or invalid records, the recipient must check what arrives) and SHA-256 of
 *    the body on both sides.
 *
 * Env: ENVELOPE_BENCH_RECORDS (default 100000), ENVELOPE_BENCH_SMALL_MS (default 2000 per figure),
 * ENVELOPE_BENCH_REPEATS (default 3; the median is reported).
 * Machines are shared and noisy: compare the ratios, not the absolute numbers.
 */
import {
  createPrivateKey,
  createPublicKey,
  sign as nodeSign,
  verify as nodeVerify,
} from "node:crypto";
import { type SharedRecord, validateBatch } from "@corridor/schema";
import { arbSharedRecord } from "@corridor/schema/testing";
import fc from "fast-check";
import {
  createTrustStore,
  decodeBody,
  digestString,
  encodeBody,
  generateKeyPair,
  MemoryReplayStore,
  open,
  type SignerKey,
  seal,
  type TrustedAgencies,
} from "../src/index.js";

const N = Number(process.env["ENVELOPE_BENCH_RECORDS"] ?? 100_000);
const SMALL_MS = Number(process.env["ENVELOPE_BENCH_SMALL_MS"] ?? 2000);
const REPEATS = Number(process.env["ENVELOPE_BENCH_REPEATS"] ?? 3);
const SENDER = "GRC.asylum-service";
const RECIPIENT = "DEU.bamf";
const AGREEMENT = { id: "GRC-DEU-2025-01", version: 1, digest: `sha256:${"A".repeat(42)}E` };

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(2));

/** Runs `fn` repeatedly for about `ms` milliseconds; returns operations per second. */
async function rate(fn: () => unknown, ms = SMALL_MS): Promise<number> {
  for (let i = 0; i < 50; i++) await fn(); // warm-up
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 20; i++) await fn();
    n += 20;
    elapsed = performance.now() - start;
  }
  return (n * 1000) / elapsed;
}

/** Like {@link rate}, with `concurrency` operations in flight (WebCrypto runs on a thread pool). */
async function rateConcurrent(
  fn: () => Promise<unknown>,
  concurrency = 16,
  ms = SMALL_MS,
): Promise<number> {
  await Promise.all(Array.from({ length: 50 }, fn)); // warm-up
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    await Promise.all(Array.from({ length: concurrency }, fn));
    n += concurrency;
    elapsed = performance.now() - start;
  }
  return (n * 1000) / elapsed;
}

function makeRecords(n: number): SharedRecord[] {
  const pool = fc.sample(arbSharedRecord(), { numRuns: Math.min(n, 2000), seed: 42 });
  const out: SharedRecord[] = [];
  for (let i = 0; i < n; i++)
    out.push({ ...pool[i % pool.length]!, recordId: `R-${i}` } as SharedRecord);
  return out;
}

const keys = {
  EdDSA: await generateKeyPair("Ed25519"),
  ES256: await generateKeyPair("P-256-sig"),
};
const trust = createTrustStore({
  [SENDER]: {
    keys: [
      { ...keys.EdDSA.publicJwk, nbf: 0 },
      { ...keys.ES256.publicJwk, nbf: 0 },
    ],
  },
} as unknown as TrustedAgencies);
const signerFor = (alg: "EdDSA" | "ES256"): SignerKey => ({
  agency: SENDER,
  kid: keys[alg].kid,
  privateKey: keys[alg].privateJwk,
});
const baseInput = {
  iss: SENDER,
  aud: [RECIPIENT],
  agreement: AGREEMENT,
  purpose: "asylum-procedure",
  legalBasis: "eu-2024-1351-art-45",
  pseudonymization: { scheme: "hmac-sha256", epoch: 1 },
};
const noReplay = { has: () => false, put: () => true };

console.log(`node ${process.version}, ${N.toLocaleString("en-US")} records, median of ${REPEATS}`);

// ------------------------------------------------------------------------ 1. small envelopes
console.log("\n1. Small envelopes (1 record): per second, and as a ratio of raw node:crypto");
const one = makeRecords(1);
for (const alg of ["EdDSA", "ES256"] as const) {
  const signer = signerFor(alg);
  const sealed = await seal({ ...baseInput, records: one }, { signer });
  const frame = Buffer.from(sealed.envelope);
  const jwsLength = frame.readUInt32BE(5);
  const jws = JSON.parse(frame.subarray(9, 9 + jwsLength).toString());
  const signingInput = Buffer.from(`${jws.signatures[0].protected}.${jws.payload}`);
  const signature = Buffer.from(jws.signatures[0].signature, "base64url");
  const priv = createPrivateKey({
    key: keys[alg].privateJwk as import("node:crypto").JsonWebKey,
    format: "jwk",
  });
  const pub = createPublicKey({
    key: keys[alg].publicJwk as unknown as import("node:crypto").JsonWebKey,
    format: "jwk",
  });
  const nodeOpts = alg === "EdDSA" ? null : "sha256";
  const dsa = alg === "ES256" ? { dsaEncoding: "ieee-p1363" as const } : {};
  const rawSign = await rate(() => nodeSign(nodeOpts, signingInput, { key: priv, ...dsa }));
  const rawVerify = await rate(() =>
    nodeVerify(nodeOpts, signingInput, { key: pub, ...dsa }, signature),
  );
  const sealRate = await rate(() => seal({ ...baseInput, records: one }, { signer }));
  const openRate = await rate(() =>
    open(sealed.envelope, { trust, replay: noReplay, recipient: RECIPIENT }),
  );
  const sealRate16 = await rateConcurrent(() => seal({ ...baseInput, records: one }, { signer }));
  const openRate16 = await rateConcurrent(() =>
    open(sealed.envelope, { trust, replay: noReplay, recipient: RECIPIENT }),
  );
  const r = (a: number, b: number) => (a / b).toFixed(2);
  console.log(
    `  ${alg.padEnd(5)} raw sign   ${fmt(rawSign)}/s | seal ${fmt(sealRate)}/s (ratio ${r(sealRate, rawSign)}), 16 in flight ${fmt(sealRate16)}/s (ratio ${r(sealRate16, rawSign)})`,
  );
  console.log(
    `  ${alg.padEnd(5)} raw verify ${fmt(rawVerify)}/s | open ${fmt(openRate)}/s (ratio ${r(openRate, rawVerify)}), 16 in flight ${fmt(openRate16)}/s (ratio ${r(openRate16, rawVerify)})`,
  );
}

// ------------------------------------------------------------------------ 2. one big envelope
console.log(`\n2. One envelope of ${N.toLocaleString("en-US")} records (MessagePack, EdDSA)`);
const records = makeRecords(N);
const limits = { maxBytes: 1024 * 1024 * 1024, maxRecords: Math.max(N, 1) };
const signer = signerFor("EdDSA");

let body = encodeBody(records, "msgpack", limits);
console.log(
  `  body ${(body.length / 1024 / 1024).toFixed(1)} MiB, ${(body.length / N).toFixed(0)} bytes/record`,
);

// A baseline round does the unavoidable work in the order an exchange does it (sender: validate,
// encode, hash; recipient: hash, decode, validate); an envelope round seals and opens. Rounds
// alternate, so load and GC on a shared machine hit both alike; medians are reported.
{
  // warm-up: compile every code path (zod, codec, WebCrypto) before anything is timed
  const warm = records.slice(0, Math.min(N, 5000));
  for (let i = 0; i < 2; i++) {
    validateBatch(warm, "shared");
    const b = encodeBody(warm, "msgpack", limits);
    await digestString(b);
    validateBatch(decodeBody(b, "msgpack", limits), "shared");
    const e = (await seal({ ...baseInput, records: warm }, { signer, limits })).envelope;
    await open(e, { trust, replay: new MemoryReplayStore(), recipient: RECIPIENT, limits });
  }
}
let envelope: Uint8Array = new Uint8Array();
const samples: Record<string, number[]> = {};
const record = (name: string, ms: number) => {
  samples[name] = [...(samples[name] ?? []), ms];
};
const lap = async (name: string, fn: () => unknown) => {
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  record(name, ms);
  return ms;
};
for (let round = 0; round < REPEATS; round++) {
  gc();
  let total = 0;
  total += await lap("validate", () => validateBatch(records, "shared"));
  total += await lap("encode", () => {
    body = encodeBody(records, "msgpack", limits);
  });
  total += await lap("hash", () => digestString(body));
  total += await lap("hash2", () => digestString(body));
  let decoded: unknown[] = [];
  total += await lap("decode", () => {
    decoded = decodeBody(body, "msgpack", limits);
  });
  total += await lap("validate2", () => validateBatch(decoded, "shared"));
  record("baseline", total);
  decoded = [];
  gc();
  await lap("seal", async () => {
    envelope = (await seal({ ...baseInput, records }, { signer, limits })).envelope;
  });
  await lap("open", () =>
    open(envelope, { trust, replay: new MemoryReplayStore(), recipient: RECIPIENT, limits }),
  );
}
const tEncode = median(samples["encode"]!);
const tDecode = median(samples["decode"]!);
const tValidate = median([...samples["validate"]!, ...samples["validate2"]!]);
const tHash = median([...samples["hash"]!, ...samples["hash2"]!]);
const tSeal = median(samples["seal"]!);
const tOpen = median(samples["open"]!);
const baseline = median(samples["baseline"]!);
const baselineOneValidation = baseline - tValidate;
const total = tSeal + tOpen;
const perSec = (ms: number) => `${fmt((N * 1000) / ms)} records/s`;
console.log(
  `  baseline parts: encode ${tEncode.toFixed(0)} ms, strict decode ${tDecode.toFixed(0)} ms, validate ${tValidate.toFixed(0)} ms (x2), SHA-256 ${tHash.toFixed(0)} ms (x2)`,
);
console.log(
  `  baseline (encode + decode + 2 validations + 2 hashes): ${baseline.toFixed(0)} ms, ${perSec(baseline)}`,
);
console.log(
  `  seal ${tSeal.toFixed(0)} ms (${perSec(tSeal)}), open ${tOpen.toFixed(0)} ms (${perSec(tOpen)})`,
);
console.log(
  `  seal + open ${total.toFixed(0)} ms, ${perSec(total)}, ratio to baseline ${(total / baseline).toFixed(2)}`,
);
console.log(
  `  (ratio to a baseline with a single validation: ${(total / baselineOneValidation).toFixed(2)}; envelope ${(envelope.length / 1024 / 1024).toFixed(1)} MiB, overhead ${envelope.length - body.length} bytes)`,
);
console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
