import type { Page } from 'playwright-core';
import { BasePage } from './base-page';

export interface ListedReferral {
  reference: string;
  subject: string;
  status: string;
  urgency: string;
  nextDeadline: string;
}

/** The force's referrals (GET /referrals). */
export class ReferralsListPage extends BasePage {
  static async open(page: Page, query = ''): Promise<ReferralsListPage> {
    await page.goto(`/referrals${query}`);
    return new ReferralsListPage(page);
  }

  async rows(): Promise<ListedReferral[]> {
    const rows = this.page.locator('main table tbody tr');
    const listed: ListedReferral[] = [];
    for (let index = 0; index < (await rows.count()); index++) {
      const cells = await rows.nth(index).locator('td').allInnerTexts();
      const [reference, subject, status, urgency, nextDeadline] = cells.map((cell) => cell.trim().replace(/\s+/g, ' '));
      listed.push({ reference, subject, status, urgency, nextDeadline });
    }
    return listed;
  }

  caption(): Promise<string> {
    return this.page.locator('main table caption').innerText();
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('Search by reference or subject').fill(text);
    await this.submitWith('Search');
  }

  /** Follows a pagination link ("Next", "Previous" or a page number). */
  goToPage(name: string): Promise<void> {
    return this.loadNextPage(this.page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name }));
  }

  openReferral(reference: string): Promise<void> {
    return this.loadNextPage(this.page.getByRole('link', { name: reference, exact: true }));
  }

  makeReferral(): Promise<void> {
    return this.loadNextPage(this.page.getByRole('button', { name: 'Make a referral' }));
  }
}
