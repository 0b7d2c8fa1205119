import { taskingDraft, taskingFieldLink, taskingFormValues, taskingRequestBody } from './tasking-request';

const POSTED = {
  region: 'YHROCU',
  nationalPriority: 'FIREARMS',
  subject: { type: 'OCG', name: ' Operation Lanyard ' },
  crimeTypes: 'ILLEGAL_FIREARMS',
  forcesAffected: ['WYP', 'SYP'],
  requestedCapabilities: ['COVERT_SURVEILLANCE'],
  urgency: 'ROUTINE',
  threatToLife: 'no',
  summary: 'Firearms supply',
  classification: 'OFFICIAL',
  harm: { physical: 'substantial' },
  likelihood: '4',
  organisationalPosition: { opportunity: '3' },
  rationale: { harm: ' Supply network ', route: '' },
};

describe('the NCA tasking request form', () => {
  it("becomes the API's body: lists as lists, yes/no as a boolean, the score without a route, no nominals or intelligence", () => {
    const body = taskingRequestBody(taskingDraft(POSTED));
    expect(body).toEqual({
      region: 'YHROCU',
      nationalPriority: 'FIREARMS',
      subject: { type: 'OCG', name: ' Operation Lanyard ', nominals: [] },
      crimeTypes: ['ILLEGAL_FIREARMS'],
      forcesAffected: ['WYP', 'SYP'],
      requestedCapabilities: ['COVERT_SURVEILLANCE'],
      urgency: 'ROUTINE',
      threatToLife: false,
      summary: 'Firearms supply',
      classification: 'OFFICIAL',
      intelligence: [],
      assessment: {
        harm: { physical: 'substantial' },
        geographicScope: undefined,
        victimVulnerability: undefined,
        likelihood: 4,
        confidence: undefined,
        organisationalPosition: { opportunity: 3 },
        rationale: { harm: 'Supply network' },
      },
    });
  });

  it('leaves blank choices out, so the API names each missing field', () => {
    const body = taskingRequestBody(taskingDraft({}));
    expect(body.region).toBeUndefined();
    expect(body.nationalPriority).toBeUndefined();
    expect(body.threatToLife).toBeUndefined();
    expect(body.subject).toEqual({ type: undefined, name: '', nominals: [] });
  });

  it('keeps a draft as the form posts it, so a refused request shows the form as typed', () => {
    const draft = taskingDraft(POSTED);
    expect(taskingDraft(taskingFormValues(draft))).toEqual(draft);
  });

  it("links the API's score fields to the grid's own fields, and the rest by the usual convention", () => {
    expect(taskingFieldLink('assessment.harm.physical')).toEqual({ href: '#harm-physical' });
    expect(taskingFieldLink('assessment.rationale.route')).toEqual({ href: '#rationale-route' });
    expect(taskingFieldLink('subject.name')).toEqual({ href: '#subject-name' });
    expect(taskingFieldLink('region')).toEqual({ href: '#region' });
  });
});
