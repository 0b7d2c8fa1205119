import type { ReferralSummary } from './gateway-api.types';
import { pageNumber } from '../../presentation/pagination';
import { findQueueTab, pagination, QUEUE_TABS, queueQuery, workQueueView } from './work-queue.view-model';

const item = (overrides: Partial<ReferralSummary> = {}): ReferralSummary => ({
  id: 'a1',
  reference: 'YHROCU-2026-000001',
  status: 'SUBMITTED',
  urgency: 'IMMEDIATE',
  region: 'YHROCU',
  ownerOrg: 'WYP',
  classification: 'OFFICIAL_SENSITIVE',
  subjectType: 'OCG',
  subjectName: 'Op Kestrel',
  priority: null,
  riskScore: null,
  submittedAt: '2026-12-01T08:00:00Z',
  updatedAt: '2026-12-01T08:00:00Z',
  nextDeadlineAt: '2026-12-01T09:00:00Z',
  ...overrides,
});

describe('work queue', () => {
  const [toTriage, awaitingInformation, toAssess] = QUEUE_TABS;

  it('asks the API for each stage by status, soonest deadline first', () => {
    expect(queueQuery(toTriage, 2)).toEqual({ status: 'SUBMITTED,TRIAGE', sort: 'deadline', page: 2, pageSize: 25 });
    expect(queueQuery(awaitingInformation, 1, 1)).toMatchObject({ status: 'INFO_REQUESTED', pageSize: 1 });
    expect(findQueueTab(undefined)).toBe(toTriage);
    expect(findQueueTab('to-assess')).toBe(toAssess);
    expect(findQueueTab('nope')).toBeUndefined();
  });

  it('reads a page number from the query string, falling back to the first page', () => {
    expect(pageNumber('3')).toBe(3);
    for (const bad of [undefined, '', '0', '-1', 'two', '1.5', '99999999']) expect(pageNumber(bad)).toBe(1);
  });

  it('shows each row with its status, deadline tag, score and the de-confliction warning', () => {
    const view = workQueueView(
      toTriage,
      {
        items: [
          item({ deconflicted: true }),
          item({
            id: 'b2',
            nextDeadlineAt: '2026-12-01T16:00:00Z',
            riskScore: 21.2,
            priority: 'P2',
            urgency: 'ROUTINE',
          }),
        ],
        total: 2,
        page: 1,
        pageSize: 25,
      },
      { 'to-triage': 2, 'to-assess': 7 },
      new Date('2026-12-01T10:00:00Z'),
    );
    expect(
      view.rows.map((row) => [
        row.href,
        row.force,
        row.urgency,
        row.status.text,
        row.deadline?.text,
        row.score,
        row.deconflicted,
      ]),
    ).toEqual([
      ['/gateway/referrals/a1', 'West Yorkshire Police', 'Immediate', 'Submitted', 'Overdue', '', true],
      ['/gateway/referrals/b2', 'West Yorkshire Police', 'Routine', 'Submitted', 'Due today', '21.2 (P2)', false],
    ]);
    expect(view.tabs.map((tab) => [tab.text, tab.active])).toEqual([
      ['To triage (2)', true],
      ['Awaiting information (0)', false],
      ['To assess (7)', false],
      ['Awaiting decision (0)', false],
    ]);
    expect(view.pagination).toBeUndefined();
  });

  it('pages with previous, next and at most seven numbered links around the current page', () => {
    const middle = pagination(toAssess, { total: 500, page: 10, pageSize: 25 });
    expect(middle?.items.map((link) => link.number)).toEqual([7, 8, 9, 10, 11, 12, 13]);
    expect(middle?.items.find((link) => link.current)?.href).toBe('/gateway?tab=to-assess&page=10');
    expect(middle).toMatchObject({
      previous: { href: '/gateway?tab=to-assess&page=9' },
      next: { href: '/gateway?tab=to-assess&page=11' },
      from: 226,
      to: 250,
    });
    const first = pagination(toAssess, { total: 30, page: 1, pageSize: 25 });
    expect(first).toMatchObject({
      previous: undefined,
      next: { href: '/gateway?tab=to-assess&page=2' },
      from: 1,
      to: 25,
    });
    expect(first?.items.map((link) => link.href)).toEqual(['/gateway?tab=to-assess', '/gateway?tab=to-assess&page=2']);
    const last = pagination(toAssess, { total: 30, page: 2, pageSize: 25 });
    expect(last).toMatchObject({ next: undefined, from: 26, to: 30 });
  });
});
