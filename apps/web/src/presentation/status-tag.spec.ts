import { decisionTag, humanise, meetingStatusTag, meetingTypeLabel, statusTag } from './status-tag';

describe('status tags', () => {
  it('shows each meeting status in its colour', () => {
    expect(meetingStatusTag('SCHEDULED')).toEqual({ text: 'Scheduled', classes: 'govuk-tag--blue' });
    expect(meetingStatusTag('AGENDA_FROZEN')).toEqual({ text: 'Agenda frozen', classes: 'govuk-tag--yellow' });
    expect(meetingStatusTag('CLOSED')).toEqual({ text: 'Closed', classes: 'govuk-tag--grey' });
  });

  it('labels decisions in words', () => {
    expect(decisionTag('ADOPT_ROCU_LEAD')).toEqual({ text: 'Adopt: ROCU lead', classes: 'govuk-tag--green' });
    expect(decisionTag('DEFER')).toEqual({ text: 'Defer to the next meeting', classes: 'govuk-tag--yellow' });
  });

  it('still shows a status the web app does not know yet (a newer API), in grey', () => {
    expect(statusTag('IN_SESSION', {})).toEqual({ text: 'In session', classes: 'govuk-tag--grey' });
    expect(decisionTag('RATIFY')).toEqual({ text: 'Ratify', classes: 'govuk-tag--grey' });
  });

  it('names meeting types', () => {
    expect(meetingTypeLabel('COVERT_COMMISSIONING')).toBe('Covert commissioning');
    expect(meetingTypeLabel('TTCG')).toBe('TTCG');
    expect(humanise('REFER_NATIONAL')).toBe('Refer national');
  });
});
