export interface CodeListEntry {
  code: string;
  name: string;
}

/** SOC threat categories (domain.md section 3), plus county lines and serious violence which are also used. */
export const CRIME_TYPES: readonly CodeListEntry[] = [
  { code: 'CHILD_SEXUAL_EXPLOITATION_AND_ABUSE', name: 'Child sexual exploitation and abuse' },
  { code: 'ILLEGAL_DRUGS', name: 'Illegal drugs' },
  { code: 'ILLEGAL_FIREARMS', name: 'Illegal firearms' },
  { code: 'FRAUD', name: 'Fraud' },
  { code: 'MONEY_LAUNDERING', name: 'Money laundering and other economic crime' },
  { code: 'BRIBERY_AND_CORRUPTION', name: 'Bribery and corruption' },
  { code: 'ORGANISED_IMMIGRATION_CRIME', name: 'Organised immigration crime' },
  { code: 'MODERN_SLAVERY_AND_HUMAN_TRAFFICKING', name: 'Modern slavery and human trafficking' },
  { code: 'CYBER_CRIME', name: 'Cyber crime' },
  { code: 'COUNTY_LINES', name: 'County lines' },
  { code: 'SERIOUS_VIOLENCE', name: 'Serious violence' },
];

/** ROCU specialist capabilities a referral may ask for (domain.md section 3). */
export const CAPABILITIES: readonly CodeListEntry[] = [
  { code: 'REGIONAL_INTELLIGENCE_UNIT', name: 'Regional intelligence unit' },
  { code: 'CONFIDENTIAL_UNIT', name: 'Confidential unit' },
  { code: 'UNDERCOVER', name: 'Undercover' },
  { code: 'UNDERCOVER_ONLINE', name: 'Undercover online' },
  { code: 'COVERT_SURVEILLANCE', name: 'Covert surveillance' },
  { code: 'TECHNICAL_SURVEILLANCE', name: 'Technical surveillance' },
  { code: 'ASSET_RECOVERY', name: 'Regional asset recovery team (financial investigation, confiscation, enforcement)' },
  { code: 'FRAUD_INVESTIGATION', name: 'Fraud investigation' },
  { code: 'CYBER_CRIME', name: 'Cyber crime' },
  { code: 'DARK_WEB_INVESTIGATION', name: 'Dark web investigation' },
  { code: 'DIGITAL_INVESTIGATION_AND_INTELLIGENCE', name: 'Digital investigation and intelligence' },
  { code: 'PROTECTED_PERSONS', name: 'Protected persons' },
  { code: 'OPERATIONAL_SECURITY', name: 'Operational security' },
  { code: 'GAIN', name: 'Government Agency Intelligence Network (GAIN)' },
  { code: 'PRISON_INTELLIGENCE', name: 'Prison intelligence' },
  { code: 'ROCTA', name: 'Regional organised crime threat assessment' },
  { code: 'SOC_OPERATIONAL_INVESTIGATION', name: 'SOC operational investigation team' },
];

export function isCodeIn(list: readonly CodeListEntry[], code: string): boolean {
  return list.some((entry) => entry.code === code);
}
