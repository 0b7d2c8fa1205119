import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError, JUSTIFICATION_HEADER, justificationFromHeader } from '@rocu/domain';

const refusal = (code: string, message: string) =>
  new DomainError('VALIDATION', message, { errors: [{ field: JUSTIFICATION_HEADER, code, message }] });

/**
 * The X-Access-Justification header as sent, decoded where it is an RFC 8187 ext-value (`UTF-8''` and percent-encoded
 * UTF-8: a header cannot carry a line break or text beyond Latin-1). Node joins repeated headers with ", ", which
 * would make two short headers one long justification, so a repeated header is refused (issue #13).
 */
export const AccessJustification = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => {
    const sent = context.switchToHttp().getRequest<Request>().headersDistinct[JUSTIFICATION_HEADER.toLowerCase()];
    if (sent === undefined) return undefined;
    if (sent.length !== 1)
      throw refusal('repeated_header', `send one ${JUSTIFICATION_HEADER} header, not ${sent.length}`);
    const justification = justificationFromHeader(sent[0]);
    if (justification === null) throw refusal('bad_encoding', "a UTF-8'' value must be percent-encoded UTF-8");
    return justification;
  },
);
