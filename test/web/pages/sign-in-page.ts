import type { Page } from 'playwright-core';
import { BasePage } from './base-page';

export class SignInPage extends BasePage {
  static async open(page: Page, query = ''): Promise<SignInPage> {
    await page.goto(`/sign-in${query}`);
    return new SignInPage(page);
  }

  /** The personas offered, as labelled ("DC, West Yorkshire Police, referrer"). */
  personas(): Promise<string[]> {
    return this.page.locator('.govuk-radios__label').allInnerTexts();
  }

  /** Chooses a persona by its label and signs in; resolves when the next page has loaded. */
  async signInAs(label: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).check();
    await this.submit();
  }

  submit(): Promise<void> {
    return this.submitWith('Sign in');
  }
}
