import { NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import type { WebSession } from '../auth/web-session';
import { redirectAfterSaving } from '../setup/redirect-after-saving';
import { moveRefusal } from './form-state';

/**
 * A referral's form the API no longer offers the person (another manager allocated the SIO, the LRO was named, the
 * referral was decided meanwhile): not found, or, just refused, the refusal shown on the referral's page.
 */
export async function formGone(session: WebSession, path: string, referralId: string, res: Response): Promise<void> {
  const referralPage = `/referrals/${referralId}`;
  if (!moveRefusal(session, path, referralPage)) throw new NotFoundException();
  await redirectAfterSaving(session, res, referralPage);
}
