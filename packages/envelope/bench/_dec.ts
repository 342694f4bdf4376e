import { createHash } from "node:crypto";
import { parseRecord } from "@corridor/schema";
import { generateRecords } from "@corridor/schema/testing";
import { pack, unpack } from "msgpackr";
import { decodeBody, encodeBody } from "../src/codec/index.js";
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
const pool = [...generateRecords({ seed: 2025, count: 5000 })].map(share);
const chunks: unknown[][] = []; for (let i = 0; i < 5000; i += 1000) chunks.push(pool.slice(i, i + 1000));
const lim = { maxBytes: 2 ** 31 - 1, maxRecords: 1e7, maxContainerLength: 1e7 } as any;
const mine = chunks.map((c) => encodeBody(c, "msgpack", lim));
const theirs = chunks.map((c) => pack(c));
console.log("bytes mine", mine[0]!.length, "msgpackr", theirs[0]!.length);
function bench(name: string, fn: (i: number) => unknown) {
  for (let k = 0; k < 5; k++) for (let i = 0; i < chunks.length; i++) fn(i);
  const t0 = performance.now(); const c0 = process.cpuUsage();
  for (let k = 0; k < 40; k++) for (let i = 0; i < chunks.length; i++) fn(i);
  const c = process.cpuUsage(c0);
  console.log(name.padEnd(20), ((performance.now() - t0) * 1000 / (40 * 5000)).toFixed(2), "us/rec wall", ((c.user + c.system) / (40 * 5000)).toFixed(2), "cpu");
}
for (let r = 0; r < 2; r++) {
  bench("strict decode", (i) => decodeBody(mine[i]!, "msgpack", lim));
  bench("msgpackr unpack", (i) => unpack(theirs[i]!));
  bench("strict encode", (i) => encodeBody(chunks[i]!, "msgpack", lim));
  bench("msgpackr pack", (i) => pack(chunks[i]!));
}
if (process.env.PROF) for (let k = 0; k < 200; k++) for (let i = 0; i < chunks.length; i++) decodeBody(mine[i]!, "msgpack", lim);
