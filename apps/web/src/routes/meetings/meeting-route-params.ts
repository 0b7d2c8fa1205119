import { createParamDecorator, ExecutionContext, NotFoundException, ParseUUIDPipe } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Request } from 'express';

/** Route ids go into API paths: anything but a UUID is simply not found. */
export const uuidOrNotFound = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException() });

export interface AgendaItemRef {
  meetingId: string;
  referralId: string;
}

/** `/meetings/:id/items/:referralId/...`: the meeting and the agenda item, both UUIDs (else not found). */
export const AgendaItemRoute = createParamDecorator((_data: unknown, context: ExecutionContext): AgendaItemRef => {
  const params = context.switchToHttp().getRequest<Request>().params;
  const meetingId = String(params.id);
  const referralId = String(params.referralId);
  if (!isUUID(meetingId) || !isUUID(referralId)) throw new NotFoundException();
  return { meetingId, referralId };
});
