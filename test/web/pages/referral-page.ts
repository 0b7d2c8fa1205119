import type { Page } from 'playwright-core';
import { BasePage } from './base-page';

/** A referral's page as its referrer sees it, and the pages its actions lead to. */
export class ReferralPage extends BasePage {
  static async open(page: Page, id: string): Promise<ReferralPage> {
    await page.goto(`/referrals/${id}`);
    return new ReferralPage(page);
  }

  status(): Promise<string> {
    return this.page.getByTestId('status').innerText();
  }

  /** The referral's summary rows (subject, urgency, ..., its SIO and LRO once named), key to value. */
  details(): Promise<Record<string, string>> {
    return this.summaryList('referral-details');
  }

  notice(): Promise<string> {
    return this.page.locator('.govuk-notification-banner').innerText();
  }

  /** Timeline titles, newest first. */
  timeline(): Promise<string[]> {
    return this.page.locator('.moj-timeline__title').allInnerTexts();
  }

  deadlineStages(): Promise<string[]> {
    return this.page.locator('main table tbody tr td:first-child').allInnerTexts();
  }

  async answerInformationRequest(answer: string): Promise<void> {
    await this.loadNextPage(this.page.getByRole('button', { name: 'Answer the information request' }));
    await this.page.getByLabel('Your answer').fill(answer);
    await this.submitWith('Send answer');
  }

  async withdraw(reason: string): Promise<void> {
    await this.loadNextPage(this.page.getByRole('button', { name: 'Withdraw this referral' }));
    await this.page.getByLabel('Why are you withdrawing it?').fill(reason);
    await this.submitWith('Withdraw referral');
  }
}
