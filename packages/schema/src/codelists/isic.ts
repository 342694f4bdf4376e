/** ISIC Rev.4 sections (UN Statistics Division, ST/ESA/STAT/SER.M/4/Rev.4), A to U. */
export const ISIC_REV4_SECTIONS = {
  A: "Agriculture, forestry and fishing",
  B: "Mining and quarrying",
  C: "Manufacturing",
  D: "Electricity, gas, steam and air conditioning supply",
  E: "Water supply; sewerage, waste management and remediation activities",
  F: "Construction",
  G: "Wholesale and retail trade; repair of motor vehicles and motorcycles",
  H: "Transportation and storage",
  I: "Accommodation and food service activities",
  J: "Information and communication",
  K: "Financial and insurance activities",
  L: "Real estate activities",
  M: "Professional, scientific and technical activities",
  N: "Administrative and support service activities",
  O: "Public administration and defence; compulsory social security",
  P: "Education",
  Q: "Human health and social work activities",
  R: "Arts, entertainment and recreation",
  S: "Other service activities",
  T: "Activities of households as employers; undifferentiated goods- and services-producing activities of households for own use",
  U: "Activities of extraterritorial organizations and bodies",
} as const;
export type IsicSection = keyof typeof ISIC_REV4_SECTIONS;
export const ISIC_SECTION_CODES = Object.keys(ISIC_REV4_SECTIONS) as [
  IsicSection,
  ...IsicSection[],
];
