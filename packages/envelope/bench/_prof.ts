import { createReadStream, createWriteStream } from "node:fs";
import { Writable } from "node:stream";
import { createHash } from "node:crypto";
import { parseRecord, type SharedRecord } from "@corridor/schema";
import { generateRecords } from "@corridor/schema/testing";
import { createTrustStore, generateKeyPair, MemoryReplayStore, openStream, sealStream, type TrustedAgencies } from "../src/index.js";
const N = Number(process.env.N ?? 100000);
const ENC = process.env.ENC === "1";
const MODE = (process.env.MODE ?? "after-verification") as "after-verification" | "as-verified";
const b64 = (t: string) => createHash("sha256").update(t).digest("base64url");
const fake = (w: unknown) => `hs256:3:${b64(JSON.stringify(w))}`;
function share(held: any) {
  const { identifiers, attributes } = held.person; const p: any = {};
  if (identifiers.documents) p.documents = identifiers.documents.map((d: any) => ({ type: d.type, issuingCountry: d.issuingCountry, pseudonym: fake(d) }));
  if (identifiers.name) p.name = fake(identifiers.name);
  if (identifiers.dateOfBirth) p.dateOfBirth = fake(identifiers.dateOfBirth);
  p.linkageKeys = [fake([identifiers.name, identifiers.dateOfBirth, attributes.sex])];
  return parseRecord({ ...held, person: { pseudonyms: p, attributes } }, "shared");
}
const pool: SharedRecord[] = [...generateRecords({ seed: 2025, count: 5000 })].map(share);
function* source(n: number) { for (let i = 0; i < n; i++) yield pool[i % 5000]!; }
const sig = await generateKeyPair("Ed25519"); const deu = await generateKeyPair("X25519"); const ita = await generateKeyPair("P-256-enc");
const NBF = 1_700_000_000;
const trust = createTrustStore({ "GRC.asylum-service": { keys: [{ ...sig.publicJwk, nbf: NBF }] }, "DEU.bamf": { keys: [{ ...deu.publicJwk, nbf: NBF }] }, "ITA.interior": { keys: [{ ...ita.publicJwk, nbf: NBF }] } } as unknown as TrustedAgencies);
const file = "/tmp/exp/prof.crds";
const { readable } = sealStream({ iss: "GRC.asylum-service", aud: ["DEU.bamf", "ITA.interior"], agreement: { id: "GRC-DEU-2025-01", version: 1, digest: `sha256:${b64("a")}` }, purpose: "asylum-procedure", legalBasis: "eu-2024-1351-art-45", pseudonymization: { scheme: "hs256", epoch: 3 }, records: source(N) },
  { signer: { agency: "GRC.asylum-service", kid: sig.kid, privateKey: sig.privateJwk }, ...(ENC ? { encryptTo: [{ agency: "DEU.bamf", kid: deu.kid, publicKey: deu.publicJwk }, { agency: "ITA.interior", kid: ita.kid, publicKey: ita.publicJwk }] } : {}) });
await readable.pipeTo(Writable.toWeb(createWriteStream(file)) as WritableStream<Uint8Array>);
async function open() {
  const o = openStream(() => createReadStream(file, { highWaterMark: 1 << 20 }), { trust, replay: new MemoryReplayStore(), recipient: "DEU.bamf", decryptionKeys: [{ kid: deu.kid, privateKey: deu.privateJwk }], deliver: MODE });
  let c = 0; for await (const ch of o.chunks) c += ch.records.length; await o.complete; return c;
}
await open();
const { Session } = await import("node:inspector/promises");
const s = new Session(); s.connect(); await s.post("Profiler.enable"); await s.post("Profiler.start");
const t0 = performance.now(); const c0 = process.cpuUsage();
await open();
const cpu = process.cpuUsage(c0);
const { profile } = await s.post("Profiler.stop");
console.log("open", MODE, ENC, (performance.now() - t0).toFixed(0), "ms wall", ((cpu.user + cpu.system) / 1000).toFixed(0), "ms cpu");
const { writeFileSync } = await import("node:fs");
writeFileSync("/tmp/exp/prof3/p.cpuprofile", JSON.stringify(profile));
