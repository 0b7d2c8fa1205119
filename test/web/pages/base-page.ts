import type { Locator, Page } from 'playwright-core';

/** What every page of the service has: a heading, the error summary, the header's signed-in person. */
export abstract class BasePage {
  constructor(readonly page: Page) {}

  /**
   * Clicks a button or link that loads another page (a form post answered by a redirect, possibly to the
   * same address) and waits until that page has loaded.
   */
  async loadNextPage(trigger: Locator): Promise<void> {
    const page = this.page;
    await Promise.all([page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()), trigger.click()]);
    await page.waitForLoadState();
  }

  /** Presses a form's button by its text and waits for the page that answers. */
  submitWith(buttonText: string): Promise<void> {
    return this.loadNextPage(this.page.getByRole('button', { name: buttonText, exact: true }));
  }

  /** Whether the page offers a button (or a link styled as one) of this name. */
  offers(name: string): Promise<boolean> {
    return this.page.getByRole('button', { name, exact: true }).isVisible();
  }

  /** A GOV.UK summary list's rows, key to value, found by its test id. */
  async summaryList(testId: string): Promise<Record<string, string>> {
    const rows = this.page.getByTestId(testId).locator('.govuk-summary-list__row');
    const found: Record<string, string> = {};
    for (let index = 0; index < (await rows.count()); index++) {
      const row = rows.nth(index);
      found[(await row.locator('dt').innerText()).trim()] = (await row.locator('dd').innerText()).trim();
    }
    return found;
  }

  heading(): Promise<string> {
    return this.page.locator('h1').first().innerText();
  }

  /**
   * Does `act` (a form post) while `proxy` loses the API's answers, as a timeout does: the API makes the change,
   * the person is told the service is unavailable. Then presses "Try again", which sends the same form again.
   */
  async tryAgainAfterLostAnswer(proxy: { losesAnswers: boolean }, act: () => Promise<void>): Promise<void> {
    proxy.losesAnswers = true;
    try {
      await act();
    } finally {
      proxy.losesAnswers = false;
    }
    const heading = await this.heading();
    if (heading !== 'Sorry, the service is unavailable') throw new Error(`No lost answer: the page says "${heading}"`);
    await this.submitWith('Try again');
  }

  /** The GOV.UK error summary's entries with the id of the field each links to (waits for the summary). */
  async errorSummary(): Promise<{ text: string; href: string }[]> {
    await this.page.locator('.govuk-error-summary').waitFor({ timeout: 10_000 });
    const links = this.page.locator('.govuk-error-summary__list a');
    const count = await links.count();
    const entries: { text: string; href: string }[] = [];
    for (let index = 0; index < count; index++) {
      const link = links.nth(index);
      entries.push({ text: (await link.innerText()).trim(), href: (await link.getAttribute('href')) ?? '' });
    }
    return entries;
  }

  signedInAs(): Promise<string> {
    return this.page.getByTestId('signed-in-as').innerText();
  }

  signOut(): Promise<void> {
    return this.submitWith('Sign out');
  }

  /** Follows a link in the service navigation. */
  navigateTo(name: string): Promise<void> {
    return this.loadNextPage(this.page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name }));
  }
}
