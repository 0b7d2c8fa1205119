import {
  Body,
  Controller,
  Get,
  NotFoundException,
  Param,
  Post,
  Query,
  Render,
  Req,
  Res,
  Session,
} from '@nestjs/common';
import type { Response } from 'express';
import { AgendaItemRef, AgendaItemRoute, uuidOrNotFound } from './meeting-route-params';
import { isMeetingDecision } from '@rocu/domain';
import { ApiClient } from '../../api/api-client.service';
import type { SessionRequest, WebSession } from '../../auth/web-session';
import { takeRefusedForm } from '../../errors/form-state';
import type { Minutes } from '@rocu/contracts';
import type { ReferralList, ReferralSummary } from '../referrals/referral-api';
import type { AgendaItem, MeetingDetail, MeetingList } from './meeting-api';
import {
  attendanceForm,
  attendeesToRecord,
  decisionBody,
  DecisionBody,
  blankAttendee,
  removedAttendees,
  itemDecisionBody,
  PendingDecision,
  wouldPassOver,
} from './meeting-forms';
import {
  AttendanceView,
  attendanceView,
  decisionPath,
  DecisionFormView,
  ItemDecisionView,
  itemDecisionView,
  justificationPath,
  JustificationView,
  justificationView,
  meetingListView,
  MEETINGS_PER_PAGE,
  MeetingListView,
  meetingPath,
  MeetingView,
  meetingView,
  MinutesView,
  minutesView,
  urgentDecisionView,
  UrgentListView,
  urgentListView,
} from './meetings.view-model';

import { redirectAfterSaving } from '../../setup/redirect-after-saving';
import { formKey, keyHeader } from '../../forms/form-key';
import { text } from '../../forms/form-values';
import { addAnother } from '../../forms/add-another';
import { pageNumber } from '../../presentation/pagination';

type Form = Record<string, unknown>;

/**
 * The TTCG chair's journey: the region's meetings, a meeting's ranked agenda, attendance, a decision per
 * item (with the deviation justification when the rules ask for it), urgent decisions, closing, minutes.
 * Every read and write is an API call; refusals are mapped by the one web exception filter.
 */
@Controller('meetings')
export class MeetingsController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  @Render('routes/meetings/meetings.njk')
  async list(@Session() session: WebSession, @Query('page') page?: string): Promise<MeetingListView> {
    return meetingListView(
      await this.api.get<MeetingList>(session, '/meetings', { page: pageNumber(page), pageSize: MEETINGS_PER_PAGE }),
    );
  }

  @Get('urgent-decisions')
  @Render('routes/meetings/urgent-decisions.njk')
  async urgentList(@Session() session: WebSession): Promise<UrgentListView> {
    const decided = session.urgentDecided;
    delete session.urgentDecided;
    const list = await this.api.get<ReferralList>(session, '/referrals', {
      status: 'AWAITING_DECISION',
      urgency: 'IMMEDIATE',
      pageSize: 100,
    });
    return urgentListView(list, decided);
  }

  @Get('urgent-decisions/:referralId')
  @Render('routes/meetings/urgent-decision.njk')
  async urgentForm(
    @Req() request: SessionRequest,
    @Param('referralId', uuidOrNotFound) referralId: string,
  ): Promise<DecisionFormView & { key: string }> {
    const referral = await this.api.get<Parameters<typeof urgentDecisionView>[0]>(
      request.session,
      `/referrals/${referralId}`,
    );
    const refused = takeRefusedForm(request.session, request.path);
    return { ...urgentDecisionView(referral, refused), key: formKey(refused?.values) };
  }

  @Post('urgent-decisions/:referralId')
  async urgentDecide(
    @Session() session: WebSession,
    @Res() response: Response,
    @Param('referralId', uuidOrNotFound) referralId: string,
    @Body() form: Form,
  ): Promise<void> {
    const { deviationJustification: _notAsked, ...body } = decisionBody(form);
    const referral = await this.api.get<ReferralSummary>(session, `/referrals/${referralId}`);
    await this.api.post(session, `/referrals/${referralId}/urgent-decision`, body, keyHeader(form.key));
    session.urgentDecided = referral.reference;
    await redirectAfterSaving(session, response, '/meetings/urgent-decisions');
  }

  @Get(':id')
  @Render('routes/meetings/meeting.njk')
  async meeting(
    @Req() request: SessionRequest,
    @Param('id', uuidOrNotFound) meetingId: string,
    @Query('decided') decided?: string,
  ): Promise<MeetingView & { key: string }> {
    const meeting = await this.detail(request.session, meetingId);
    const refused = takeRefusedForm(request.session, request.path);
    const view = meetingView(meeting, refused, typeof decided === 'string' ? decided : undefined);
    return { ...view, key: formKey(refused?.values) };
  }

  /** A refused closure comes back here: the meeting page with the refusal and the remarks as typed. */
  @Get(':id/close')
  @Render('routes/meetings/meeting.njk')
  closeRefused(
    @Req() request: SessionRequest,
    @Param('id', uuidOrNotFound) meetingId: string,
  ): Promise<MeetingView & { key: string }> {
    return this.meeting(request, meetingId);
  }

  @Get(':id/attendance')
  @Render('routes/meetings/attendance.njk')
  async attendanceForm(
    @Req() request: SessionRequest,
    @Param('id', uuidOrNotFound) meetingId: string,
  ): Promise<AttendanceView> {
    const { session } = request;
    const meeting = await this.detail(session, meetingId);
    const refused = takeRefusedForm(session, request.path);
    const draft = session.attendanceDraft?.meetingId === meetingId ? session.attendanceDraft : undefined;
    delete session.attendanceDraft;
    return attendanceView(meeting, session.user, refused ? attendanceForm(refused.values) : draft, refused);
  }

  @Post(':id/attendance')
  async recordAttendance(
    @Session() session: WebSession,
    @Res() response: Response,
    @Param('id', uuidOrNotFound) meetingId: string,
    @Body() form: Form,
  ): Promise<void> {
    const sent = attendanceForm(form);
    const { list: rows, again } = addAnother(sent.rows, text(form.action), blankAttendee);
    if (again) {
      // Adding or removing a row is a round trip (post, redirect, get) that keeps the rows typed so far, and who
      // was recorded when the form was first shown.
      session.attendanceDraft = { meetingId, rows, recorded: sent.recorded };
      return redirectAfterSaving(session, response, `${meetingPath(meetingId)}/attendance`);
    }
    const removed = removedAttendees({ rows, recorded: sent.recorded });
    await this.api.post(session, `/meetings/${meetingId}/attendance`, {
      attendees: attendeesToRecord(rows),
      ...(removed.length > 0 && { removed }),
    });
    response.redirect(303, `${meetingPath(meetingId)}#attendance`);
  }

  @Get(':id/items/:referralId/decision')
  @Render('routes/meetings/decision.njk')
  async decisionForm(
    @Req() request: SessionRequest,
    @AgendaItemRoute() { meetingId, referralId }: AgendaItemRef,
  ): Promise<ItemDecisionView & { key: string }> {
    const meeting = await this.detail(request.session, meetingId);
    const refused = takeRefusedForm(request.session, request.path);
    return { ...itemDecisionView(meeting, this.item(meeting, referralId), refused), key: formKey(refused?.values) };
  }

  @Post(':id/items/:referralId/decision')
  async decide(
    @Session() session: WebSession,
    @Res() response: Response,
    @AgendaItemRoute() { meetingId, referralId }: AgendaItemRef,
    @Body() form: Form,
  ): Promise<void> {
    const meeting = await this.detail(session, meetingId);
    const { deviationJustification: _secondStep, ...body } = itemDecisionBody(form, this.item(meeting, referralId));
    const decision = body.decision;
    if (isMeetingDecision(decision) && wouldPassOver(meeting, referralId, decision).length > 0) {
      const key = text(form.key);
      session.pendingDecision = { meetingId, referralId, decision, rationale: body.rationale ?? '', key };
      return redirectAfterSaving(session, response, justificationPath(meetingId, referralId));
    }
    response.redirect(303, await this.record(session, meetingId, { referralId, ...body }, form.key));
  }

  @Get(':id/items/:referralId/justification')
  async justificationForm(
    @Req() request: SessionRequest,
    @Res() response: Response,
    @AgendaItemRoute() { meetingId, referralId }: AgendaItemRef,
  ): Promise<void> {
    const { session } = request;
    const pending = this.pending(session, meetingId, referralId);
    const meeting = await this.detail(session, meetingId);
    const passedOver = pending ? wouldPassOver(meeting, referralId, pending.decision) : [];
    if (!pending || passedOver.length === 0) return response.redirect(303, decisionPath(meetingId, referralId));
    const refused = takeRefusedForm(session, request.path);
    const view: JustificationView = justificationView(
      meeting,
      this.item(meeting, referralId),
      pending,
      passedOver,
      refused,
    );
    // The decision form's key, until a refusal says otherwise (one refused as used elsewhere comes back without).
    const key = refused ? formKey(refused.values) : (pending.key ?? formKey());
    response.render('routes/meetings/justification.njk', { ...view, key });
  }

  @Post(':id/items/:referralId/justification')
  async justify(
    @Session() session: WebSession,
    @Res() response: Response,
    @AgendaItemRoute() { meetingId, referralId }: AgendaItemRef,
    @Body() form: Form,
  ): Promise<void> {
    const pending = this.pending(session, meetingId, referralId);
    if (!pending) return response.redirect(303, decisionPath(meetingId, referralId));
    const { rationale, deviationJustification } = decisionBody(form);
    // Kept for the page if the API refuses; cleared once the decision is recorded.
    session.pendingDecision = { ...pending, rationale: rationale ?? '' };
    const next = await this.record(
      session,
      meetingId,
      { referralId, decision: pending.decision, rationale, deviationJustification: deviationJustification ?? '' },
      form.key,
    );
    delete session.pendingDecision;
    await redirectAfterSaving(session, response, next);
  }

  @Post(':id/close')
  async close(
    @Session() session: WebSession,
    @Res() response: Response,
    @Param('id', uuidOrNotFound) meetingId: string,
    @Body() form: Form,
  ): Promise<void> {
    const remarks = typeof form.remarks === 'string' ? form.remarks.trim() : '';
    await this.api.post(session, `/meetings/${meetingId}/close`, remarks ? { remarks } : {}, keyHeader(form.key));
    response.redirect(303, meetingPath(meetingId));
  }

  @Get(':id/minutes')
  @Render('routes/meetings/minutes.njk')
  async minutes(@Session() session: WebSession, @Param('id', uuidOrNotFound) meetingId: string): Promise<MinutesView> {
    return minutesView(await this.api.get<Minutes>(session, `/meetings/${meetingId}/minutes`));
  }

  /**
   * Records the decision under its form's key (a "Try again" after a lost answer is the same decision); answers
   * where to go next: the agenda at the item, with a banner saying so.
   */
  private async record(
    session: WebSession,
    meetingId: string,
    body: DecisionBody & { referralId: string },
    key: unknown,
  ): Promise<string> {
    await this.api.post(session, `/meetings/${meetingId}/decisions`, body, keyHeader(key));
    return `${meetingPath(meetingId)}?decided=${body.referralId}#item-${body.referralId}`;
  }

  private detail(session: WebSession, meetingId: string): Promise<MeetingDetail> {
    return this.api.get<MeetingDetail>(session, `/meetings/${meetingId}`);
  }

  private item(meeting: MeetingDetail, referralId: string): AgendaItem {
    const item = meeting.agenda.find((candidate) => candidate.referralId === referralId);
    if (!item) throw new NotFoundException();
    return item;
  }

  private pending(session: WebSession, meetingId: string, referralId: string): PendingDecision | undefined {
    const pending = session.pendingDecision;
    return pending?.meetingId === meetingId && pending.referralId === referralId ? pending : undefined;
  }
}
