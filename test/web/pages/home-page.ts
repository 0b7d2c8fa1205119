import { BasePage } from './base-page';

export class HomePage extends BasePage {
  journeys(): Promise<string[]> {
    return this.page.locator('main .govuk-list a').allInnerTexts();
  }
}
