import type { Locator } from 'playwright-core';
import { BasePage } from '../base-page';
import { tableRows } from './table-rows';
import { AttendancePage } from './attendance-page';
import { DecisionPage } from './decision-page';
import { MinutesPage } from './minutes-page';

/** A meeting (/meetings/{id}): its ranked agenda, attendance, decisions and close. */
export class MeetingPage extends BasePage {
  item(reference: string): Locator {
    return this.page
      .getByTestId('agenda-item')
      .filter({ has: this.page.getByTestId('reference').getByText(reference, { exact: true }) });
  }

  /** The agenda's references in the order shown (new items, then ratifications). */
  references(): Promise<string[]> {
    return this.page.getByTestId('agenda-item').getByTestId('reference').allInnerTexts();
  }

  async rank(reference: string): Promise<number> {
    return Number(await this.item(reference).getByTestId('rank').innerText());
  }

  /** A summary-list row's value within an item ("Risk score", "Recused", "Decision", ...). */
  async itemValue(reference: string, key: string): Promise<string> {
    const row = this.item(reference)
      .locator('.govuk-summary-list__row')
      .filter({ has: this.page.locator('dt', { hasText: new RegExp(`^\\s*${key}\\s*$`) }) });
    return (await row.locator('dd').innerText()).trim();
  }

  /** Opens the item's "why is this ranked here" details and reads its reasons and the stored breakdown. */
  async whyRanked(reference: string): Promise<{ reasons: string[]; explanation: string }> {
    const item = this.item(reference);
    await item.locator('summary').click();
    return {
      reasons: await item.getByTestId('why-ranked').locator('li').allInnerTexts(),
      explanation: await item.getByTestId('breakdown-explanation').innerText(),
    };
  }

  rankingRule(): Promise<string> {
    return this.page.getByTestId('ranking-rule').innerText();
  }

  status(): Promise<string> {
    return this.page.locator('.govuk-summary-list__row', { hasText: 'Status' }).first().locator('dd').innerText();
  }

  banner(): Promise<string> {
    return this.page.locator('.govuk-notification-banner').innerText();
  }

  /** Rows of the attendance table: name, organisation, recused from. */
  attendees(): Promise<string[][]> {
    return tableRows(this.page.getByTestId('attendees'));
  }

  async recordAttendance(): Promise<AttendancePage> {
    await this.loadNextPage(this.page.getByRole('link', { name: 'Record attendance' }));
    return new AttendancePage(this.page);
  }

  async decide(reference: string): Promise<DecisionPage> {
    await this.loadNextPage(this.page.getByRole('link', { name: `Record a decision on ${reference}` }));
    return new DecisionPage(this.page);
  }

  async close(remarks: string): Promise<void> {
    await this.page.getByLabel('Closing remarks (optional)').fill(remarks);
    await this.submitWith('Close the meeting');
  }

  async openMinutes(): Promise<MinutesPage> {
    await this.loadNextPage(this.page.getByRole('link', { name: 'Minutes', exact: true }));
    return new MinutesPage(this.page);
  }
}
