import { activeStage } from './active-stage';

describe('activeStage', () => {
  it.each([
    ['SUBMITTED', 'TRIAGE'],
    ['TRIAGE', 'TRIAGE'],
    ['INFO_REQUESTED', 'TRIAGE'],
    ['ASSESSMENT', 'ASSESSMENT'],
    ['ADOPTED', 'ALLOCATION'],
    ['AWAITING_DECISION', null],
    ['DEFERRED', null],
    ['SIO_ALLOCATED', null],
    ['ACTIVE', null],
    ['CLOSED', null],
    ['WITHDRAWN', null],
  ] as const)('%s works towards %s without a decision clock', (status, stage) => {
    expect(activeStage(status, false)).toBe(stage);
  });

  it('awaiting a decision works towards the decision deadline only with a decision clock', () => {
    expect(activeStage('AWAITING_DECISION', true)).toBe('DECISION');
    expect(activeStage('DEFERRED', true)).toBeNull();
  });
});
