import type { Page } from 'playwright-core';
import { BasePage } from './base-page';

/** The GOV.UK date input's three boxes under their legend. */
async function fillDate(page: Page, legend: string, [day, month, year]: [string, string, string]): Promise<void> {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(day);
  await group.getByLabel('Month').fill(month);
  await group.getByLabel('Year').fill(year);
}

export interface NewAction {
  pillar: string;
  description: string;
  ownerOrg: string;
  ownerName: string;
  due: [string, string, string];
  partners?: string;
}

/** A referral's 4P plan page and the forms it leads to (its SIO's and LRO's). */
export class PlanPage extends BasePage {
  static async open(page: Page, referralId: string, path = ''): Promise<PlanPage> {
    await page.goto(`/referrals/${referralId}/plan${path}`);
    return new PlanPage(page);
  }

  notice(): Promise<string> {
    return this.page.locator('.govuk-notification-banner').innerText();
  }

  /** The plan's summary rows, key to value. */
  summary(): Promise<Record<string, string>> {
    return this.summaryList('plan-summary');
  }

  /** A table's body rows as cell texts (spaces collapsed). */
  async table(testId: string): Promise<string[][]> {
    const rows = this.page.getByTestId(testId).locator('tbody tr');
    const cells: string[][] = [];
    for (let index = 0; index < (await rows.count()); index++) {
      const texts = await rows.nth(index).locator('th, td').allInnerTexts();
      cells.push(texts.map((text) => text.trim().replace(/\s+/g, ' ')));
    }
    return cells;
  }

  reviewHeadings(): Promise<string[]> {
    return this.page.locator('main h3').allInnerTexts();
  }

  start(name: 'Add an action' | 'Record a disruption' | 'Sign the joint review'): Promise<void> {
    return this.loadNextPage(this.page.getByRole('button', { name, exact: true }));
  }

  async fillAction(action: NewAction): Promise<void> {
    await this.page.getByRole('radio', { name: action.pillar }).check();
    await this.page.getByLabel('What is the action?').fill(action.description);
    await this.page.getByLabel('Organisation that owns it').fill(action.ownerOrg);
    await this.page.getByLabel('Person who owns it').fill(action.ownerName);
    await fillDate(this.page, 'When is it due?', action.due);
    if (action.partners) await this.page.getByLabel('Partner organisations involved (optional)').fill(action.partners);
  }

  async fillDisruption(pillar: string, significance: string, description: string, date: [string, string, string]) {
    await this.page.getByRole('radio', { name: pillar }).check();
    await this.page.getByRole('radio', { name: significance, exact: true }).check();
    await this.page.getByLabel('What was disrupted, and how?').fill(description);
    await fillDate(this.page, 'When did it happen?', date);
  }

  /** Follows the "Change" link of the action with this description. */
  changeStatusOf(description: string): Promise<void> {
    return this.loadNextPage(this.page.getByRole('link', { name: `Change the status of ${description}` }));
  }

  async chooseStatus(status: string, outcome = ''): Promise<void> {
    await this.page.getByRole('radio', { name: status, exact: true }).check();
    await this.page.getByLabel('Outcome').fill(outcome);
  }

  async writeReview(summary: string): Promise<void> {
    await this.page.getByLabel('Your summary of the review').fill(summary);
  }
}
