import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError, JUSTIFICATION_HEADER } from '@rocu/domain';

/**
 * The X-Access-Justification header exactly as sent. Node joins repeated headers with ", ", which would make
 * two short headers one long justification, so a repeated header is refused (issue #13).
 */
export const AccessJustification = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => {
    const sent = context.switchToHttp().getRequest<Request>().headersDistinct[JUSTIFICATION_HEADER.toLowerCase()];
    if (sent === undefined) return undefined;
    if (sent.length === 1) return sent[0];
    const message = `send one ${JUSTIFICATION_HEADER} header, not ${sent.length}`;
    throw new DomainError('VALIDATION', message, {
      errors: [{ field: JUSTIFICATION_HEADER, code: 'repeated_header', message }],
    });
  },
);
