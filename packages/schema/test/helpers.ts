import {
  CorridorError,
  type CorridorErrorCode,
  formatPath,
  type PathSegment,
} from "@corridor/errors";
import { expect } from "vitest";
import type { HeldRecord, RecordKind, SharedRecord } from "../src/index.js";

/** Runs `fn`, expects a CorridorError with `code`, and returns it. */
export function catchCorridorError(fn: () => unknown, code: CorridorErrorCode): CorridorError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(CorridorError);
  const error = caught as CorridorError;
  expect(error.code).toBe(code);
  return error;
}

/** True when `error` lists an issue at `path` (and with `reason`, if given). */
export function hasIssue(
  error: CorridorError,
  path: readonly PathSegment[],
  reason?: string,
): boolean {
  const want = formatPath(path);
  return error.issues.some(
    (i) => formatPath(i.path) === want && (reason === undefined || i.reason === reason),
  );
}

/** Expects `error` to list an issue at `path` (with `reason`, if given); shows the issues if not. */
export function expectIssue(
  error: CorridorError,
  path: readonly PathSegment[],
  reason?: string,
): void {
  expect(
    hasIssue(error, path, reason),
    `expected an issue at ${formatPath(path)}${reason ? ` (${reason})` : ""}, got ${JSON.stringify(error.toJSON().issues)}`,
  ).toBe(true);
}

export const clone = <T>(value: T): T => structuredClone(value);

/** A pseudonym of 32 bytes in base64url (43 characters). */
export const P1 = "hmac-sha256:1:m2D7vD8mZbJ3QXq3xQ2V6a0dF1kz9c4hYV1Z2tq0ZcI";
export const P2 = "hmac-sha256:1:0f9Pq_Yw-1lxW2k8s3bE6Tn4m5RjH7cA9dZeUoXyKiQ";
export const P3 = "hmac-sha256:1:Q2x5b0qJd8fT3nV6mH1sK4pL7rW9zC0eA5gY2uI8oBk";

/** Details of one valid record of each kind (the richer branch where a kind has stages). */
export const DETAILS_EXAMPLES: { [K in RecordKind]: Extract<HeldRecord, { kind: K }>["details"] } =
  {
    entry: {
      outcome: "refused",
      border: { country: "GRC", type: "land", crossingPoint: "KAKAVIA" },
      refusalGrounds: ["C", "E"],
      travelPurpose: "tourism",
      previousResidence: "ALB",
    },
    exit: { border: { country: "ITA", type: "air" }, destination: "TUN" },
    "residence-permit": {
      permitType: "first",
      reason: "remunerated-activity",
      reasonDetail: "eu-blue-card",
      validFrom: "2024-03-01",
      validUntil: "2027-02-28",
      validityBand: "12-months-or-more",
    },
    "asylum-application": {
      applicationType: "first-time",
      applicantType: "unaccompanied-minor",
      procedure: "regular",
    },
    "asylum-decision": {
      outcome: "rejected",
      instance: "first-instance",
      rejectionType: "unfounded",
    },
    appeal: { stage: "decided", outcome: "remitted", suspensive: true },
    "work-permit": {
      permitType: "seasonal",
      sector: "A",
      occupation: "9211",
      validFrom: "2024-05",
      validUntil: "2024-10",
      tiedToEmployer: true,
    },
    recruitment: {
      sector: "F",
      occupation: "71",
      destinationCountry: "QAT",
      recruiter: { country: "NPL", licensed: false, licence: "LIC-2021-0042" },
      feesPaidByWorker: { amountMinor: 150_000, currency: "NPR" },
      writtenContract: false,
    },
    grievance: {
      category: "document-retention",
      channel: "hotline",
      outcome: "referred",
      sector: "T",
    },
    "family-reunification": {
      stage: "decision",
      decision: "granted",
      relationship: "minor-child",
      sponsorStatus: "refugee",
      sponsor: { agency: "DEU.bamf", recordId: "DE-2019-000981" },
    },
    "irregular-stay": { detectedAt: "inland", outcome: "asylum-application" },
    "smuggling-incident": {
      interception: { environment: "sea", country: "ITA" },
      route: { name: "central-mediterranean", origin: "LBY", transit: ["TUN"], destination: "ITA" },
      groupSize: 47,
      vulnerabilityScreening: "indicators-identified",
      referrals: ["asylum-procedure", "child-protection"],
    },
    return: {
      stage: "effective-return",
      returnType: "voluntary",
      assisted: true,
      destination: "GEO",
      destinationType: "country-of-citizenship",
      reintegrationSupport: "in-kind",
    },
    "status-change": { from: "asylum-applicant", to: "refugee", reason: "decision" },
  };

export const KINDS = Object.keys(DETAILS_EXAMPLES) as RecordKind[];

export const HELD_PERSON: HeldRecord["person"] = {
  identifiers: {
    documents: [{ type: "passport", issuingCountry: "SYR", number: "N 0123456" }],
    name: { given: "Амина", family: "Юсуф" },
    dateOfBirth: "2008-02-29",
    placeOfBirth: "Aleppo",
  },
  attributes: {
    citizenship: ["SYR"],
    countryOfBirth: "SYR",
    sex: "F",
    age: 16,
    ageBand: "Y14-17",
    vulnerabilities: ["unaccompanied-minor"],
  },
};

export const SHARED_PERSON: SharedRecord["person"] = {
  pseudonyms: {
    documents: [{ type: "passport", issuingCountry: "SYR", pseudonym: P1 }],
    name: P2,
    dateOfBirth: P3,
    linkageKeys: [P1, P2],
  },
  linkage: {
    scheme: "clk-bf1",
    epoch: 3,
    schemaDigest: "sha256:47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
    encoderVersion: "1.0",
    data: "AAECAwQFBgcICQoLDA0ODw",
  },
  attributes: HELD_PERSON.attributes,
};

/** A valid held record of `kind`. */
export function heldExample<K extends RecordKind>(kind: K): HeldRecord {
  return clone({
    schemaVersion: "1.0",
    recordId: `GRC-2024-${kind}`,
    kind,
    agency: "GRC.asylum-service",
    eventDate: "2024-06-15",
    person: HELD_PERSON,
    links: [{ relation: "related", record: { agency: "INT.iom", recordId: "IOM:2024:7" } }],
    details: DETAILS_EXAMPLES[kind],
  } as HeldRecord);
}

/** A valid shared record of `kind`. */
export function sharedExample<K extends RecordKind>(kind: K): SharedRecord {
  return clone({ ...heldExample(kind), person: SHARED_PERSON } as SharedRecord);
}

/** Every string in `value` (object keys excluded), with the path where it was found. */
export function stringLeaves(value: unknown, path: PathSegment[] = []): [PathSegment[], string][] {
  if (typeof value === "string") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (typeof value === "object" && value !== null) {
    return Object.keys(value).flatMap((k) =>
      stringLeaves((value as Record<string, unknown>)[k], [...path, k]),
    );
  }
  return [];
}
