import { BasePage } from './base-page';

/** A referral page with an OFFICIAL-SENSITIVE summary shown only once its reader gives a reason. */
export class PageWithSensitiveDetail extends BasePage {
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
}
