import { keyHeader } from '../../forms/form-key';
import { Injectable } from '@nestjs/common';
import type { ScoringScheme } from '@rocu/domain';
import { ApiClient } from '../../api/api-client.service';
import type { WebSession } from '../../auth/web-session';
import { justificationHeaders } from '../sensitive-detail/sensitive-detail';
import type { ReferralDetail, ReferralList } from './gateway-api.types';
import { queueCalls, QueueTab } from './work-queue.view-model';

/** The API calls behind the gateway pages: each with the signed-in person's token, through the one client. */
@Injectable()
export class GatewayService {
  constructor(private readonly api: ApiClient) {}

  /** The tab's page of referrals and every tab's count, in parallel. */
  async queue(
    session: WebSession,
    tab: QueueTab,
    page: number,
  ): Promise<{ list: ReferralList; counts: Record<string, number> }> {
    const calls = queueCalls(tab, page);
    const answers = await Promise.all(
      calls.map((call) => this.api.get<ReferralList>(session, '/referrals', call.query)),
    );
    const list = answers[0];
    const counts = Object.fromEntries(calls.map((call, index) => [call.tab.id, answers[index].total]));
    return { list, counts };
  }

  /** The referral, with its OFFICIAL-SENSITIVE detail when the assessor has said why they need it. */
  referral(session: WebSession, id: string): Promise<ReferralDetail> {
    return this.api.get<ReferralDetail>(
      session,
      `/referrals/${encodeURIComponent(id)}`,
      {},
      justificationHeaders(session, id),
    );
  }

  scoringScheme(session: WebSession): Promise<ScoringScheme> {
    return this.api.get<ScoringScheme>(session, '/reference/scoring-scheme');
  }

  /**
   * A gateway action on the referral under the form's Idempotency-Key: "Try again" after a lost answer is the same
   * triage, partner check or disposal, not a refused or recorded second.
   */
  act(
    session: WebSession,
    id: string,
    action: 'triage' | 'partner-checks' | 'partner-disposal',
    body: Record<string, unknown>,
    key: unknown,
  ): Promise<{ status: string }> {
    return this.api.post(session, `/referrals/${encodeURIComponent(id)}/${action}`, body, keyHeader(key));
  }

  /** Under the draft's Idempotency-Key: a retry after a lost answer records no second assessment. */
  assess(
    session: WebSession,
    id: string,
    body: unknown,
    key: string,
  ): Promise<{ riskScore: number; priority: string }> {
    return this.api.post(session, `/referrals/${encodeURIComponent(id)}/assessment`, body, { 'Idempotency-Key': key });
  }
}
