import { planExtraMeeting } from './extra-meeting';

const manager = { region: 'YHROCU' };
const now = new Date('2026-12-01T09:00:00Z');

describe('planExtraMeeting', () => {
  it('closes the papers a day before the meeting by default', () => {
    expect(planExtraMeeting(manager, { region: 'YHROCU', scheduledFor: '2026-12-03T10:00:00Z' }, now)).toEqual({
      ok: true,
      scheduledFor: new Date('2026-12-03T10:00:00Z'),
      papersCloseAt: new Date('2026-12-02T10:00:00Z'),
    });
  });

  it('closes the papers now when the meeting is less than a day away', () => {
    expect(planExtraMeeting(manager, { region: 'YHROCU', scheduledFor: '2026-12-01T15:00:00Z' }, now)).toEqual({
      ok: true,
      scheduledFor: new Date('2026-12-01T15:00:00Z'),
      papersCloseAt: now,
    });
  });

  it('keeps a chosen cut-off, up to the meeting itself', () => {
    const request = { region: 'YHROCU', scheduledFor: '2026-12-03T10:00:00Z', papersCloseAt: '2026-12-03T10:00:00Z' };
    expect(planExtraMeeting(manager, request, now)).toMatchObject({
      ok: true,
      papersCloseAt: new Date('2026-12-03T10:00:00Z'),
    });
  });

  const notInFuture = { field: 'scheduledFor', code: 'not_in_future', message: 'scheduledFor must be in the future' };
  const afterMeeting = {
    field: 'papersCloseAt',
    code: 'after_meeting',
    message: 'papersCloseAt must not be after scheduledFor',
  };
  it.each([
    ['now', '2026-12-01T09:00:00Z', undefined, [notInFuture]],
    ['in the past', '2026-11-30T10:00:00Z', undefined, [notInFuture]],
    ['before its papers close', '2026-12-03T10:00:00Z', '2026-12-03T10:00:01Z', [afterMeeting]],
    [
      'in the past, before its papers close',
      '2026-11-30T10:00:00Z',
      '2026-11-30T10:00:01Z',
      [notInFuture, afterMeeting],
    ],
  ])('refuses a meeting %s, naming each bad field', (_case, scheduledFor, papersCloseAt, errors) => {
    expect(planExtraMeeting(manager, { region: 'YHROCU', scheduledFor, papersCloseAt }, now)).toEqual({
      ok: false,
      code: 'VALIDATION',
      message: 'The meeting must be in the future, with papers closing before it',
      errors,
    });
  });

  it.each([
    ['another region', { region: 'NWROCU' }],
    ['no region (national)', { region: null }],
  ])('refuses a meeting for %s before looking at its times', (_case, actor) => {
    expect(planExtraMeeting(actor, { region: 'YHROCU', scheduledFor: '2020-01-01T00:00:00Z' }, now)).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: 'Meetings can only be arranged for your own region',
    });
  });
});
