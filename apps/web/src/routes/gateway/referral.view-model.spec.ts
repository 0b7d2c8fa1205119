import type { ReferralDetail } from './gateway-api.types';
import { referralPageView } from './referral.view-model';

const NOW = new Date('2026-12-02T10:00:00Z');

/** The parts of a referral's detail the gateway page reads, for an IMMEDIATE referral adopted after a re-route. */
const detail = {
  id: '5f0c1e52-1a4b-4d0e-9a57-0c8d3c1c9a01',
  reference: 'YH-2026-000001',
  subjectName: 'Operation Larch',
  status: 'ADOPTED',
  urgency: 'IMMEDIATE',
  ownerOrg: 'WYP',
  classification: 'OFFICIAL-SENSITIVE',
  submittedAt: '2026-12-01T09:00:00Z',
  submission: { threatToLife: true },
  submittedBy: { name: 'DC Referrer' },
  deadlines: [
    { stage: 'DECISION', dueAt: '2026-12-01T17:00:00Z', status: 'MET' },
    { stage: 'ALLOCATION', dueAt: '2026-12-03T17:00:00Z', status: 'PENDING' },
  ],
  history: [],
  assessment: null,
  assessmentHistory: [
    {
      version: 1,
      riskScore: 21.2,
      priority: 'P2',
      scheme: { id: 'morile-default', version: 1 },
      route: 'REFER_NATIONAL',
      assessedBy: { name: 'DS Assessor' },
      assessedAt: '2026-12-01T11:00:00Z',
    },
  ],
  information: [],
  disposedTo: null,
  onwardReference: null,
  national: null,
  availableActions: [],
} as unknown as ReferralDetail;

describe('the gateway referral page', () => {
  it('shows every deadline stage, the urgency and each route in words, not as codes', () => {
    const view = referralPageView(detail, NOW);
    expect(view.deadlines.map((deadline) => deadline.stage)).toEqual(['Decision', 'SIO allocation']);
    expect(view.urgency).toBe('Immediate (threat to life or imminent harm)');
    expect(view.scoreHistory.map((entry) => entry.route)).toEqual(['Refer to the NCA']);
  });
});
