import { BasePage } from '../base-page';
import { tableRows } from './table-rows';

/** The gateway's view of one referral. */
export class GatewayReferralPage extends BasePage {
  status(): Promise<string> {
    return this.page.getByTestId('referral-status').innerText();
  }

  async notice(): Promise<string> {
    return (await this.page.locator('.govuk-notification-banner__content').innerText()).trim();
  }

  deconfliction(): Promise<string> {
    return this.page.getByTestId('deconfliction').innerText();
  }

  hasDeconfliction(): Promise<boolean> {
    return this.page.getByTestId('deconfliction').isVisible();
  }

  summary(): Promise<string> {
    return this.page.getByTestId('summary').innerText();
  }

  summaryShown(): Promise<boolean> {
    return this.page.getByTestId('summary').isVisible();
  }

  askForSensitiveDetail(): Promise<void> {
    return this.loadNextPage(this.page.getByRole('link', { name: 'Give a reason to see the sensitive detail' }));
  }

  /** Gives the reason on the justification page and sends it. */
  async justify(reason: string): Promise<void> {
    await this.page.getByLabel(/Why do you need the sensitive detail/).fill(reason);
    await this.submitWith('Show the sensitive detail');
  }

  /** Follows one of the referral's action buttons (links styled as buttons). */
  startAction(name: string): Promise<void> {
    return this.loadNextPage(this.page.getByRole('button', { name, exact: true }));
  }

  deadlines(): Promise<string> {
    return this.page.getByTestId('deadlines').innerText();
  }

  /** Version and score of each assessment, newest first. */
  async scoreHistory(): Promise<string[][]> {
    return (await tableRows(this.page.getByTestId('score-history'))).map((cells) => cells.slice(0, 2));
  }

  timeline(): Promise<string[]> {
    return this.page.locator('.moj-timeline__title').allInnerTexts();
  }
}
