import { PageWithSensitiveDetail } from '../sensitive-detail';
import { tableRows } from './table-rows';

/** The gateway's view of one referral. */
export class GatewayReferralPage extends PageWithSensitiveDetail {
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

  /** The texts of the questions to the force and of its answers (or what stands for a withheld one), in order. */
  async information(): Promise<string[]> {
    return (await this.page.getByTestId('information').locator('p').allInnerTexts()).map((text) => text.trim());
  }

  /** Follows the link of the (one) withheld answer to the page asking why the detail is needed. */
  askToSeeAnswer(): Promise<void> {
    return this.loadNextPage(this.page.getByRole('link', { name: 'give a reason to see it', exact: true }));
  }

  timeline(): Promise<string[]> {
    return this.page.locator('.moj-timeline__title').allInnerTexts();
  }
}
