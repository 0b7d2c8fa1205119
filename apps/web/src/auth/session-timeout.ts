import { Controller, HttpCode, Post } from '@nestjs/common';
import { TOUCH_FRACTION_OF_TIMEOUT } from '../setup/sessions';
/** The warning comes this long before the session may end, or at two thirds of the way for a short timeout. */
const WARNING_LEAD_MS = 2 * 60_000;

/** When a page's timeout warning opens and when its session may end, counted from the page's last request. */
export interface SessionTimeout {
  warnAfterMs: number;
  endsAfterMs: number;
}

/**
 * A session ends after the idle timeout, counted from when its expiry was last written: at most a touch interval
 * before the page's request. So a page counts its time from the earliest end, and warns before it (WCAG 2.2.1:
 * a person is told before a time limit and can extend it with one action).
 */
export function sessionTimeout(idleTimeoutSeconds: number): SessionTimeout {
  const timeoutMs = idleTimeoutSeconds * 1000;
  const endsAfterMs = timeoutMs - timeoutMs / TOUCH_FRACTION_OF_TIMEOUT;
  const warnAfterMs = Math.max(endsAfterMs - WARNING_LEAD_MS, (endsAfterMs * 2) / 3);
  return { warnAfterMs: Math.round(warnAfterMs), endsAfterMs: Math.round(endsAfterMs) };
}

/**
 * "Stay signed in" in the timeout warning (and the page's script, while the person types): a request that only
 * pushes the session's expiry on. Signed in and with the form's CSRF token, like every other form.
 */
@Controller('session')
export class SessionTimeoutController {
  @Post('keep-alive')
  @HttpCode(204)
  keepAlive(): void {
    // The session middleware has pushed the expiry on; nothing else to do.
  }
}
