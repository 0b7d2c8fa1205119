import type { Page } from 'playwright-core';
import { BasePage } from '../base-page';
import { tableRows } from './table-rows';

export interface QueueRow {
  reference: string;
  subject: string;
  status: string;
  deadline: string;
  warnings: string;
}

/** The gateway team's work queue: stage tabs, the table of referrals, paging. */
export class WorkQueuePage extends BasePage {
  static async open(page: Page, query = ''): Promise<WorkQueuePage> {
    await page.goto(`/gateway${query}`);
    return new WorkQueuePage(page);
  }

  tabs(): Promise<string[]> {
    return this.page.locator('.moj-sub-navigation__link').allInnerTexts();
  }

  showTab(name: string): Promise<void> {
    return this.loadNextPage(this.page.locator('.moj-sub-navigation__link', { hasText: name }));
  }

  async rows(): Promise<QueueRow[]> {
    return (await tableRows(this.page.getByTestId('work-queue'))).map((cells) => ({
      reference: cells[0],
      subject: cells[1],
      status: cells[4],
      deadline: cells[5],
      warnings: cells[7],
    }));
  }

  row(subject: string): Promise<QueueRow | undefined> {
    return this.rows().then((rows) => rows.find((row) => row.subject === subject));
  }

  openReferral(reference: string): Promise<void> {
    return this.loadNextPage(this.page.getByRole('link', { name: reference, exact: true }));
  }

  nextPage(): Promise<void> {
    return this.loadNextPage(this.page.locator('.govuk-pagination__next a'));
  }

  currentPageNumber(): Promise<string> {
    return this.page.locator('.govuk-pagination__item--current').innerText();
  }
}
