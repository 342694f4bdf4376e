/**
 * Closed code lists of the record model. Each list names its source; `spec/records.md` gives the
 * mapping of every value to the source's own code.
 */

/** Sex, after SDMX cross-domain code list CL_SEX: F, M, U (SDMX `_U`, unknown), O (SDMX `_O`, other: non-binary or diverse, only where national law recognises it). */
export const SEX = ["F", "M", "U", "O"] as const;

/** Age classes of the Eurostat asylum tables (AGE dimension of migr_asyappctza, migr_asydcfsta, ...); UNK = unknown. */
export const AGE_BANDS = ["Y_LT14", "Y14-17", "Y18-34", "Y35-64", "Y_GE65", "UNK"] as const;

/**
 * Vulnerability markers: the persons with special reception needs of Directive 2013/33/EU Art. 21
 * (Reception Conditions) and of Reg. 862/2007 as amended by 2020/851 (unaccompanied minors).
 * Special-category data (GDPR Art. 9): shared only where an agreement's purpose allows it.
 */
export const VULNERABILITIES = [
  "minor",
  "unaccompanied-minor",
  "disability",
  "elderly",
  "pregnant",
  "single-parent-with-minor",
  "trafficking-victim",
  "serious-illness",
  "mental-disorder",
  "torture-or-violence-survivor",
  "female-genital-mutilation",
] as const;

/** Kinds of identity or travel document. Corridor's own list (ICAO Doc 9303 covers passports, visas and official travel documents; the rest are national documents). */
export const DOCUMENT_TYPES = [
  "passport",
  "national-id",
  "travel-document",
  "residence-card",
  "visa",
  "birth-certificate",
  "other",
] as const;

/** Border type: land, sea or air (the external borders of Regulation (EU) 2016/399 Art. 2(2); Eurostat refusal tables break down by the same three). */
export const BORDER_TYPES = ["air", "land", "sea"] as const;

/** Grounds for refusal of entry, Regulation (EU) 2016/399 Annex V Part B (standard form), letters A–I. */
export const REFUSAL_GROUNDS = ["A", "B", "C", "D", "E", "F", "G", "H", "I"] as const;

/** Declared purpose of travel at entry. Corridor's own list, informed by the purpose categories of the UN Recommendations on Statistics of International Migration, Rev.1 (1998). */
export const TRAVEL_PURPOSES = [
  "tourism",
  "business",
  "family",
  "study",
  "employment",
  "transit",
  "international-protection",
  "other",
] as const;

/** Residence-permit type: first permits and permits on a change of immigration status or reason to stay (Reg. 862/2007 Art. 6(1)(a)); `renewal` is Corridor's own. */
export const PERMIT_TYPES = ["first", "change-of-status", "renewal"] as const;

/** Reason a residence permit was issued (Reg. 862/2007 Art. 6(1)(a), categories of Commission Regulation (EU) No 216/2010; Eurostat REASON: FAM, EDUC, OCC, OTH). `international-protection` is a Corridor split of Eurostat's OTH. */
export const PERMIT_REASONS = [
  "family",
  "education",
  "remunerated-activity",
  "international-protection",
  "other",
] as const;

/** Finer reason: the sub-categories of Commission Regulation (EU) No 216/2010 Annex, plus EU Blue Card (Directive (EU) 2021/1883). */
export const PERMIT_REASON_DETAILS = [
  "family-of-eu-citizen",
  "family-of-non-eu-citizen",
  "study",
  "education-other",
  "highly-skilled",
  "eu-blue-card",
  "researcher",
  "seasonal-worker",
  "remunerated-other",
  "refugee-status",
  "subsidiary-protection",
  "humanitarian",
  "unaccompanied-minor",
  "trafficking-victim",
  "residence-only",
  "other",
] as const;

/** Length of validity of a first permit (Reg. 862/2007 Art. 6(1)(a): 3–5 months, 6–11 months, 12 months or more). */
export const VALIDITY_BANDS = ["3-5-months", "6-11-months", "12-months-or-more"] as const;

/** First-time or subsequent application (Reg. 862/2007 Art. 4(1), as amended by 2020/851; Eurostat NASY_APP / SASY_APP). */
export const APPLICATION_TYPES = ["first-time", "subsequent"] as const;

/** Who the applicant is in the claim: the applicant, a family member included in the application (Reg. 862/2007 Art. 4(1)(a)), or an unaccompanied minor. */
export const APPLICANT_TYPES = ["principal", "dependant", "unaccompanied-minor"] as const;

/** Procedure the application is examined in (Directive 2013/32/EU Art. 31 regular, Art. 31(8) accelerated, Art. 43 border, Arts. 33-34 admissibility; Reg. (EU) No 604/2013 Dublin). */
export const ASYLUM_PROCEDURES = [
  "regular",
  "accelerated",
  "border",
  "admissibility",
  "dublin",
] as const;

/** Decision instance (Reg. 862/2007 Art. 4(2) first instance, 4(3) final on appeal or review). */
export const DECISION_INSTANCES = ["first-instance", "final"] as const;

/**
 * Decision outcome (Reg. 862/2007 Art. 4(2) first instance, 4(3) final; Eurostat DECISION: GENCONV,
 * SUB_PROT, HUMSTAT, TEMP_PROT, REJECTED). `withdrawn-closed` is not a decision in Eurostat's
 * sense: withdrawn applications are counted under Art. 4(1)(c) (Directive 2013/32/EU Arts. 27-28).
 */
export const DECISION_OUTCOMES = [
  "refugee-status",
  "subsidiary-protection",
  "humanitarian-status",
  "temporary-protection",
  "rejected",
  "withdrawn-closed",
] as const;

/** Why an application was rejected (Directive 2013/32/EU Art. 32(1) unfounded, 32(2) manifestly unfounded, Art. 33 inadmissible; Reg. (EU) No 604/2013 transfer). */
export const REJECTION_TYPES = [
  "unfounded",
  "manifestly-unfounded",
  "inadmissible",
  "dublin-transfer",
] as const;

/** Stage of an appeal. */
export const APPEAL_STAGES = ["lodged", "decided"] as const;

/** Outcome of a decided appeal. */
export const APPEAL_OUTCOMES = ["upheld", "dismissed", "remitted", "withdrawn"] as const;

/** Work-permit type. */
export const WORK_PERMIT_TYPES = ["first", "renewal", "change-of-employer", "seasonal"] as const;

/**
 * Worker grievance categories: the eleven ILO indicators of forced labour (ILO, "ILO Indicators of
 * Forced Labour", 2012) and abuses named in the ILO General principles and operational guidelines
 * for fair recruitment (2019). `unsafe-conditions`, `discrimination` and `other` are Corridor's own.
 */
export const GRIEVANCE_CATEGORIES = [
  "recruitment-fees",
  "deception-about-work",
  "contract-substitution",
  "wage-withholding",
  "document-retention",
  "excessive-overtime",
  "unsafe-conditions",
  "abusive-living-conditions",
  "restriction-of-movement",
  "intimidation-or-threats",
  "physical-or-sexual-violence",
  "debt-bondage",
  "abuse-of-vulnerability",
  "isolation",
  "discrimination",
  "other",
] as const;

/** Channel a grievance came through. */
export const GRIEVANCE_CHANNELS = [
  "labour-inspectorate",
  "hotline",
  "consulate",
  "trade-union",
  "civil-society",
  "employer-mechanism",
  "online",
  "in-person",
  "other",
] as const;

/** Outcome of a grievance. */
export const GRIEVANCE_OUTCOMES = [
  "pending",
  "resolved",
  "compensated",
  "referred",
  "dismissed",
  "withdrawn",
] as const;

/** Stage of a family-reunification case (Directive 2003/86/EC). */
export const REUNIFICATION_STAGES = ["application", "decision"] as const;

/** Decision on a family-reunification application. */
export const REUNIFICATION_DECISIONS = ["granted", "refused", "withdrawn"] as const;

/** Family member's relation to the sponsor (Directive 2003/86/EC Art. 4). */
export const FAMILY_RELATIONSHIPS = [
  "spouse",
  "registered-partner",
  "unmarried-partner",
  "minor-child",
  "adult-dependent-child",
  "parent",
  "other-dependant",
] as const;

/** The sponsor's own status. */
export const SPONSOR_STATUSES = [
  "refugee",
  "subsidiary-protection",
  "third-country-national",
  "long-term-resident",
  "national",
  "eu-citizen",
] as const;

/** Where an irregularly present person was found. Corridor's own split of the persons found to be illegally present (Reg. 862/2007 Art. 5(1)(b)). */
export const DETECTION_PLACES = ["inland", "at-border", "at-exit"] as const;

/** What followed the detection. */
export const IRREGULAR_STAY_OUTCOMES = [
  "return-decision",
  "asylum-application",
  "regularisation",
  "detention",
  "released",
  "other",
] as const;

/** Where an interception took place. */
export const INTERCEPTION_ENVIRONMENTS = ["sea", "land", "air"] as const;

/** Main migratory routes as Frontex names them in its risk analyses and monthly detection figures; `other` for anything else. */
export const MIGRATORY_ROUTES = [
  "central-mediterranean",
  "eastern-mediterranean",
  "western-mediterranean",
  "western-african",
  "western-balkan",
  "eastern-land-border",
  "black-sea",
  "english-channel",
  "other",
] as const;

/** Outcome of vulnerability screening after an interception (the vulnerability check of the Screening Regulation (EU) 2024/1356). Corridor's own values. */
export const SCREENING_OUTCOMES = [
  "not-screened",
  "no-indicators",
  "indicators-identified",
] as const;

/** Where a person was referred after screening. */
export const REFERRALS = [
  "asylum-procedure",
  "child-protection",
  "anti-trafficking",
  "medical-care",
  "psychosocial-support",
  "none",
] as const;

/** Stage of a return case: return decision (Directive 2008/115/EC Art. 3(4); Reg. 862/2007 Art. 7(1)(a)) or effective return (Art. 7(1)(b)). */
export const RETURN_STAGES = ["order-to-leave", "effective-return"] as const;

/** Type of an effective return: voluntary departure (Directive 2008/115/EC Art. 3(8)) or forced (removal, Art. 3(5)); Reg. 862/2007 Art. 7 as amended by (EU) 2020/851. */
export const RETURN_TYPES = ["voluntary", "forced"] as const;

/** Where the person returned to, after the three kinds of "return" of Directive 2008/115/EC Art. 3(3). */
export const RETURN_DESTINATION_TYPES = [
  "country-of-citizenship",
  "country-of-transit",
  "other-third-country",
] as const;

/** Reintegration support received (Reg. 862/2007 Art. 7 as amended by (EU) 2020/851: assistance received). Corridor's own values. */
export const REINTEGRATION_SUPPORT = ["none", "cash", "in-kind", "cash-and-in-kind"] as const;

/** A person's legal status, for `status-change` records. */
export const LEGAL_STATUSES = [
  "visitor",
  "asylum-applicant",
  "refugee",
  "subsidiary-protection",
  "humanitarian-status",
  "temporary-protection",
  "residence-permit-holder",
  "long-term-resident",
  "national",
  "irregular",
  "departed",
  "other",
] as const;

/** Why a status changed. */
export const STATUS_CHANGE_REASONS = [
  "decision",
  "expiry",
  "withdrawal",
  "naturalisation",
  "regularisation",
  "departure",
  "other",
] as const;

/** How two records relate. */
export const LINK_RELATIONS = [
  "family-member",
  "previous-application",
  "decision-on",
  "appeal-of",
  "sponsor",
  "related",
] as const;
