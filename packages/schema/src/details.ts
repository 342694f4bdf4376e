import { z } from "zod";
import { ISO_4217 } from "./codelists/currencies.js";
import * as C from "./codelists/enums.js";
import { ISCO08_CODES } from "./codelists/isco.js";
import { ISIC_SECTION_CODES } from "./codelists/isic.js";
import { Code, CountryCode, PartialDate, RecordRef } from "./primitives.js";

/*
 * Kind-specific details. One schema a record kind; a record carries them under `details`.
 * Fields that only make sense at one stage of a case are split by a `stage` discriminator, so the
 * constraint is structural and the JSON Schema export keeps it.
 */

const Occupation = z.enum(ISCO08_CODES).meta({
  id: "Isco08Code",
  description: "ISCO-08 code of a major (1 digit), sub-major (2), minor (3) or unit group (4).",
});
const Sector = z
  .enum(ISIC_SECTION_CODES)
  .meta({ id: "IsicSection", description: "ISIC Rev.4 section letter." });

const BorderPoint = z
  .strictObject({
    country: CountryCode,
    type: z.enum(C.BORDER_TYPES),
    crossingPoint: Code.optional(),
  })
  .meta({
    id: "BorderPoint",
    description: "The border crossing point: country, type, optional local code.",
  });

const Money = z
  .strictObject({
    amountMinor: z.int().min(0).max(1_000_000_000_000),
    currency: z.enum(ISO_4217),
  })
  .meta({
    id: "Money",
    description: "An amount in the currency's minor unit (e.g. cents), ISO 4217 currency.",
  });

export const EntryDetails = z.discriminatedUnion("outcome", [
  z.strictObject({
    outcome: z.literal("admitted"),
    border: BorderPoint,
    travelPurpose: z.enum(C.TRAVEL_PURPOSES).optional(),
    previousResidence: CountryCode.optional(),
  }),
  z.strictObject({
    outcome: z.literal("refused"),
    border: BorderPoint,
    refusalGrounds: z.array(z.enum(C.REFUSAL_GROUNDS)).min(1).max(9),
    travelPurpose: z.enum(C.TRAVEL_PURPOSES).optional(),
    previousResidence: CountryCode.optional(),
  }),
]);

export const ExitDetails = z.strictObject({
  border: BorderPoint,
  destination: CountryCode.optional(),
});

export const ResidencePermitDetails = z.strictObject({
  permitType: z.enum(C.PERMIT_TYPES),
  reason: z.enum(C.PERMIT_REASONS),
  reasonDetail: z.enum(C.PERMIT_REASON_DETAILS).optional(),
  validFrom: PartialDate,
  validUntil: PartialDate.optional(),
  validityBand: z.enum(C.VALIDITY_BANDS),
});

export const AsylumApplicationDetails = z.strictObject({
  applicationType: z.enum(C.APPLICATION_TYPES),
  applicantType: z.enum(C.APPLICANT_TYPES),
  procedure: z.enum(C.ASYLUM_PROCEDURES).optional(),
});

export const AsylumDecisionDetails = z.discriminatedUnion("outcome", [
  z.strictObject({
    outcome: z.enum(C.DECISION_OUTCOMES).exclude(["rejected"]),
    instance: z.enum(C.DECISION_INSTANCES),
  }),
  z.strictObject({
    outcome: z.literal("rejected"),
    instance: z.enum(C.DECISION_INSTANCES),
    rejectionType: z.enum(C.REJECTION_TYPES).optional(),
  }),
]);

export const AppealDetails = z.discriminatedUnion("stage", [
  z.strictObject({ stage: z.literal("lodged"), suspensive: z.boolean().optional() }),
  z.strictObject({
    stage: z.literal("decided"),
    outcome: z.enum(C.APPEAL_OUTCOMES),
    suspensive: z.boolean().optional(),
  }),
]);

export const WorkPermitDetails = z.strictObject({
  permitType: z.enum(C.WORK_PERMIT_TYPES),
  sector: Sector,
  occupation: Occupation,
  validFrom: PartialDate,
  validUntil: PartialDate.optional(),
  tiedToEmployer: z.boolean().optional(),
});

export const RecruitmentDetails = z.strictObject({
  sector: Sector,
  occupation: Occupation,
  destinationCountry: CountryCode,
  recruiter: z.strictObject({
    country: CountryCode,
    licensed: z.boolean(),
    licence: Code.optional(),
  }),
  feesPaidByWorker: Money,
  writtenContract: z.boolean().optional(),
});

export const GrievanceDetails = z.strictObject({
  category: z.enum(C.GRIEVANCE_CATEGORIES),
  channel: z.enum(C.GRIEVANCE_CHANNELS),
  outcome: z.enum(C.GRIEVANCE_OUTCOMES),
  sector: Sector.optional(),
});

const ReunificationCommon = {
  relationship: z.enum(C.FAMILY_RELATIONSHIPS),
  sponsorStatus: z.enum(C.SPONSOR_STATUSES),
  sponsor: RecordRef,
};
export const FamilyReunificationDetails = z.discriminatedUnion("stage", [
  z.strictObject({ stage: z.literal("application"), ...ReunificationCommon }),
  z.strictObject({
    stage: z.literal("decision"),
    decision: z.enum(C.REUNIFICATION_DECISIONS),
    ...ReunificationCommon,
  }),
]);

export const IrregularStayDetails = z.strictObject({
  detectedAt: z.enum(C.DETECTION_PLACES),
  outcome: z.enum(C.IRREGULAR_STAY_OUTCOMES).optional(),
});

export const SmugglingIncidentDetails = z.strictObject({
  interception: z.strictObject({
    environment: z.enum(C.INTERCEPTION_ENVIRONMENTS),
    country: CountryCode,
  }),
  route: z
    .strictObject({
      name: z.enum(C.MIGRATORY_ROUTES).optional(),
      origin: CountryCode.optional(),
      transit: z.array(CountryCode).min(1).max(10).optional(),
      destination: CountryCode.optional(),
    })
    .optional(),
  groupSize: z.int().min(1).max(10_000).optional(),
  vulnerabilityScreening: z.enum(C.SCREENING_OUTCOMES),
  referrals: z.array(z.enum(C.REFERRALS)).min(1).max(6).optional(),
});

export const ReturnDetails = z.discriminatedUnion("stage", [
  z.strictObject({
    stage: z.literal("order-to-leave"),
    voluntaryDepartureDays: z.int().min(0).max(365).optional(),
  }),
  z.strictObject({
    stage: z.literal("effective-return"),
    returnType: z.enum(C.RETURN_TYPES),
    assisted: z.boolean(),
    destination: CountryCode.optional(),
    destinationType: z.enum(C.RETURN_DESTINATION_TYPES).optional(),
    reintegrationSupport: z.enum(C.REINTEGRATION_SUPPORT).optional(),
  }),
]);

export const StatusChangeDetails = z.strictObject({
  from: z.enum(C.LEGAL_STATUSES).optional(),
  to: z.enum(C.LEGAL_STATUSES),
  reason: z.enum(C.STATUS_CHANGE_REASONS).optional(),
});

/** The details schema of every record kind. Keys are the kinds. */
export const DETAILS_BY_KIND = {
  entry: EntryDetails,
  exit: ExitDetails,
  "residence-permit": ResidencePermitDetails,
  "asylum-application": AsylumApplicationDetails,
  "asylum-decision": AsylumDecisionDetails,
  appeal: AppealDetails,
  "work-permit": WorkPermitDetails,
  recruitment: RecruitmentDetails,
  grievance: GrievanceDetails,
  "family-reunification": FamilyReunificationDetails,
  "irregular-stay": IrregularStayDetails,
  "smuggling-incident": SmugglingIncidentDetails,
  return: ReturnDetails,
  "status-change": StatusChangeDetails,
} as const;

export type RecordKind = keyof typeof DETAILS_BY_KIND;
export const RECORD_KINDS = Object.keys(DETAILS_BY_KIND) as [RecordKind, ...RecordKind[]];
