import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { ApiClient } from '../../api/api-client.service';
import { sendKeyed, withSent } from '../../api/keyed-send';
import type { WebSession } from '../../auth/web-session';
import { DraftStore } from '../../drafts/draft-store';
import type { DraftOwner } from '@rocu/persistence/web-drafts';
import type { ApiProblem } from '../../errors/api-problem';
import { keySpent } from '../../errors/form-state';
import { SignInRequiredError } from '../../errors/web-errors';
import { ReferenceData, ReferenceLists } from '../../reference/reference-data.service';
import type { SubmittedReferral } from '../referrals/referral-api';
import { checkAnswersView, CheckAnswersView, questionPageView, ReferralDraftView } from './make-referral.view-model';
import { findPage, nextPage, pageAsking, pagesFor, QuestionPage } from './question-pages';
import { DRAFT_KIND, hasAnswers, newDraft, ReferralDraft, toSubmission } from './referral-draft';

const BASE = '/referrals/new';

const ownerOf = (session: WebSession): DraftOwner => {
  if (!session.user) throw new SignInRequiredError();
  return { org: session.user.org, sub: session.user.sub };
};

/** The pages the signed-in person is asked: an agency (NCA, HMRC, ...) also chooses the region's gateway. */
const pagesOf = (session: WebSession, lists: ReferenceLists): readonly QuestionPage[] =>
  pagesFor({ agency: lists.agencies.some((agency) => agency.code === session.user?.org) });

/** Saving a page's answers settles that page's part of the last refusal (the person has been back to it). */
function settle(page: QuestionPage, draft: ReferralDraft): ReferralDraft {
  if (!draft.problem) return draft;
  const errors = (draft.problem.errors ?? []).filter((error) => pageAsking(error.field) !== page);
  return { ...draft, problem: errors.length > 0 ? { ...draft.problem, errors } : undefined };
}

/** The journey's steps: the draft is read and written per person; only `submit` reaches the API's referrals. */
@Injectable()
export class MakeReferralService {
  constructor(
    private readonly drafts: DraftStore,
    private readonly api: ApiClient,
    private readonly reference: ReferenceData,
  ) {}

  private async draft(session: WebSession): Promise<ReferralDraft> {
    const draft = (await this.drafts.get<ReferralDraft>(ownerOf(session), DRAFT_KIND)) ?? newDraft();
    session.hasReferralDraft = hasAnswers(draft);
    return draft;
  }

  private async saveDraft(session: WebSession, draft: ReferralDraft): Promise<void> {
    await this.drafts.save(ownerOf(session), DRAFT_KIND, draft);
    session.hasReferralDraft = hasAnswers(draft);
  }

  /** Whether the person has a draft with answers, read from the drafts table. */
  async hasDraft(session: WebSession): Promise<boolean> {
    return hasAnswers(await this.draft(session));
  }

  /**
   * The same as last known by this session (the list's "continue" link): the drafts table is read once per
   * session and the journey keeps the answer current, so listing referrals costs no query for it. A draft
   * changed in another session of the same person shows here once this session next reads it.
   */
  async hasDraftAsKnown(session: WebSession): Promise<boolean> {
    return session.hasReferralDraft ?? this.hasDraft(session);
  }

  async questionPage(session: WebSession, slug: string, fromCheck: boolean): Promise<ReferralDraftView> {
    const [draft, lists] = await Promise.all([this.draft(session), this.reference.lists(session)]);
    const pages = pagesOf(session, lists);
    const page = findPage(slug, pages);
    if (!page) return undefined;
    return questionPageView(page, pages, draft, lists, fromCheck);
  }

  /** Saves a page's answers and says where to go: the same page (a row added or removed), the next, or the check. */
  async answer(session: WebSession, slug: string, body: Record<string, unknown>, fromCheck: boolean): Promise<string> {
    const pages = pagesOf(session, await this.reference.lists(session));
    const page = findPage(slug, pages);
    if (!page) throw new NotFoundException();
    const { draft, again } = page.save(await this.draft(session), body);
    await this.saveDraft(session, settle(page, draft));
    if (again) return `${BASE}/${page.slug}${fromCheck ? '?return=check-answers' : ''}`;
    const next = fromCheck ? undefined : nextPage(page, pages);
    return next ? `${BASE}/${next.slug}` : `${BASE}/check-answers`;
  }

  /**
   * Check your answers; a refusal of the last attempt is kept in the draft so each page can show its part. The
   * refusal is taken only once the page's reads succeeded, so a failed read does not lose it.
   */
  async checkAnswers(
    session: WebSession,
    takeRefused: () => Pick<ApiProblem, 'status' | 'detail' | 'code' | 'errors'> | undefined,
  ): Promise<CheckAnswersView> {
    const [read, lists] = await Promise.all([this.draft(session), this.reference.lists(session)]);
    const refused = takeRefused();
    // Told now that its key was spent, the draft takes a new one for whatever the person sends next.
    const renewed = keySpent(refused) ? { key: randomUUID(), sent: [] } : {};
    const draft = refused ? { ...read, ...renewed, problem: refused } : read;
    if (refused) await this.saveDraft(session, draft);
    return checkAnswersView(draft, pagesOf(session, lists), lists, refused);
  }

  /**
   * Sends the referral (once, whatever the retries: the draft's key is the Idempotency-Key) and forgets the
   * draft; `earlier` says an earlier version of it had reached the API (its answer lost) before the last changes.
   */
  async submit(session: WebSession): Promise<{ submitted: SubmittedReferral; earlier: boolean }> {
    const draft = await this.draft(session);
    const body = toSubmission(draft);
    const sent = withSent(draft.sent, body);
    if (sent !== draft.sent) await this.saveDraft(session, { ...draft, sent });
    const { answer, earlier } = await sendKeyed(
      (sending) => this.api.post<SubmittedReferral>(session, '/referrals', sending, { 'idempotency-key': draft.key }),
      body,
      sent,
    );
    await this.drafts.remove(ownerOf(session), DRAFT_KIND);
    session.hasReferralDraft = false;
    return { submitted: answer, earlier };
  }
}
