import * as domain from './index';

/** Other packages code against these names; renaming one must fail here first. */
describe('@rocu/domain public surface', () => {
  it.each([
    'ROLES',
    'DomainError',
    'REGIONS',
    'ORGANISATIONS',
    'findOrganisation',
    'regionOf',
    'CRIME_TYPES',
    'CAPABILITIES',
    'REFERRAL_STATUSES',
    'URGENCIES',
    'ROUTES',
    'TRIAGE_DECISIONS',
    'transition',
    'availableActions',
    'isTerminal',
    'isBeforeDecision',
    'HARM_ELEMENTS',
    'HARM_GRADES',
    'GEOGRAPHIC_SCOPES',
    'VICTIM_VULNERABILITIES',
    'CONFIDENCE_LEVELS',
    'ORGANISATIONAL_POSITION_FACTORS',
    'DEFAULT_SCORING_SCHEME',
    'scoreAssessment',
    'maxRawScore',
    'englandWalesBankHolidays',
    'isWorkingDay',
    'addWorkingDays',
    'addWorkingTime',
    'workingTimeBetween',
    'DEFAULT_DEADLINE_POLICIES',
    'computeDeadline',
    'parseDeadlinePolicies',
    'validateRegionSettings',
    'defaultRegionSettings',
    'recipientsOnEntering',
    'deadlineRecipient',
    'nationalResponseRecipients',
    'planChangeRecipients',
    'meetingProblemRecipient',
  ])('exports %s', (name) => {
    expect(domain).toHaveProperty(name);
  });
});
