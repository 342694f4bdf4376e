/**
 * ISCO-08 sub-major groups (ILO, International Standard Classification of Occupations 2008,
 * Volume 1, structure). An occupation code has 1 to 4 digits: a major group (1 digit), sub-major
 * group (2), minor group (3) or unit group (4). Corridor checks that the code is one of the 10
 * major groups or lies under one of these 43 sub-major groups.
 */
export const ISCO08_SUB_MAJOR_GROUPS = {
  "01": "Commissioned armed forces officers",
  "02": "Non-commissioned armed forces officers",
  "03": "Armed forces occupations, other ranks",
  "11": "Chief executives, senior officials and legislators",
  "12": "Administrative and commercial managers",
  "13": "Production and specialised services managers",
  "14": "Hospitality, retail and other services managers",
  "21": "Science and engineering professionals",
  "22": "Health professionals",
  "23": "Teaching professionals",
  "24": "Business and administration professionals",
  "25": "Information and communications technology professionals",
  "26": "Legal, social and cultural professionals",
  "31": "Science and engineering associate professionals",
  "32": "Health associate professionals",
  "33": "Business and administration associate professionals",
  "34": "Legal, social, cultural and related associate professionals",
  "35": "Information and communications technicians",
  "41": "General and keyboard clerks",
  "42": "Customer services clerks",
  "43": "Numerical and material recording clerks",
  "44": "Other clerical support workers",
  "51": "Personal service workers",
  "52": "Sales workers",
  "53": "Personal care workers",
  "54": "Protective services workers",
  "61": "Market-oriented skilled agricultural workers",
  "62": "Market-oriented skilled forestry, fishery and hunting workers",
  "63": "Subsistence farmers, fishers, hunters and gatherers",
  "71": "Building and related trades workers, excluding electricians",
  "72": "Metal, machinery and related trades workers",
  "73": "Handicraft and printing workers",
  "74": "Electrical and electronic trades workers",
  "75": "Food processing, wood working, garment and other craft and related trades workers",
  "81": "Stationary plant and machine operators",
  "82": "Assemblers",
  "83": "Drivers and mobile plant operators",
  "91": "Cleaners and helpers",
  "92": "Agricultural, forestry and fishery labourers",
  "93": "Labourers in mining, construction, manufacturing and transport",
  "94": "Food preparation assistants",
  "95": "Street and related sales and service workers",
  "96": "Refuse workers and other elementary workers",
} as const;
export type IscoSubMajorGroup = keyof typeof ISCO08_SUB_MAJOR_GROUPS;

/** A regular expression (no flags needed) matching a well-formed ISCO-08 code under a real sub-major group. */
export const ISCO08_PATTERN = `^(?:[0-9]|(?:${Object.keys(ISCO08_SUB_MAJOR_GROUPS).join("|")})[0-9]{0,2})$`;
