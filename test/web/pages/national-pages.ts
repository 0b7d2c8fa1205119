import type { Page } from 'playwright-core';
import { BasePage } from './base-page';
import { tableRows } from './gateway/table-rows';
import { PageWithSensitiveDetail } from './sensitive-detail';

export interface NationalQueueRow {
  reference: string;
  region: string;
  answerDue: string;
}

/** The NCA's national queue (/national). */
export class NationalQueuePage extends BasePage {
  static async open(page: Page): Promise<NationalQueuePage> {
    await page.goto('/national');
    return new NationalQueuePage(page);
  }

  async rows(): Promise<NationalQueueRow[]> {
    const table = this.page.getByTestId('national-queue');
    if ((await table.count()) === 0) return [];
    return (await tableRows(table)).map((cells) => ({ reference: cells[0], region: cells[2], answerDue: cells[5] }));
  }

  openReferral(reference: string): Promise<void> {
    return this.loadNextPage(this.page.getByRole('link', { name: reference, exact: true }));
  }
}

/** A referral sent national, as the NCA sees it, with its answer forms and the confirmation. */
export class NationalReferralPage extends PageWithSensitiveDetail {
  status(): Promise<string> {
    return this.page.getByTestId('referral-status').innerText();
  }

  /** A summary-list row's value ("Region", "Answer due", ...). */
  async value(key: string): Promise<string> {
    const row = this.page
      .locator('.govuk-summary-list__row')
      .filter({ has: this.page.locator('dt', { hasText: new RegExp(`^\\s*${key}\\s*$`) }) });
    return (await row.locator('dd').innerText()).trim();
  }

  actions(): Promise<string[]> {
    return this.page.locator('main a.govuk-button').allInnerTexts();
  }

  startAction(name: string): Promise<void> {
    return this.loadNextPage(this.page.getByRole('button', { name, exact: true }));
  }

  async panel(): Promise<{ title: string; body: string }> {
    return {
      title: (await this.page.locator('.govuk-panel__title').innerText()).trim(),
      body: (await this.page.locator('.govuk-panel__body').innerText()).trim(),
    };
  }
}
