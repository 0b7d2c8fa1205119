import { randomUUID } from 'node:crypto';
import type { ReferralAnswers } from './pages/make-referral-pages';

/** A complete set of answers to the Make a referral question pages, as a West Yorkshire referrer gives them. */
export const referralAnswers = (subjectName: string): ReferralAnswers => ({
  subjectType: 'Organised crime group',
  subjectName,
  nominals: [
    { identifier: `PND-${randomUUID().slice(0, 8)}`, role: 'Principal' },
    { identifier: `PND-${randomUUID().slice(0, 8)}`, role: 'Associate' },
  ],
  crimeTypes: ['Illegal drugs', 'Illegal firearms'],
  forces: ['West Yorkshire Police', 'South Yorkshire Police'],
  capabilities: ['Covert surveillance', 'Fraud investigation'],
  urgency: 'Routine',
  threatToLife: 'No',
  summary: 'Supply of firearms and class A drugs across West and South Yorkshire.',
  intelligence: [
    {
      reference: 'IR-2026-0042',
      source: '2 – untested',
      information: 'B – known indirectly, corroborated',
      handling: 'C – may be shared with conditions',
      conditions: 'Not for onward dissemination',
    },
  ],
  classification: 'OFFICIAL-SENSITIVE (need to know)',
});
