import { BasePage } from '../base-page';
import { tableRows } from './table-rows';

/** The minutes (/meetings/{id}/minutes), printable. */
export class MinutesPage extends BasePage {
  marking(): Promise<string> {
    return this.page.getByTestId('marking').innerText();
  }

  /** Each decision row's cells: rank, reference, priority, risk, decision, rationale, deviation, recused. */
  rows(): Promise<string[][]> {
    return tableRows(this.page.getByTestId('minutes'));
  }

  /** Switches to the print stylesheet; returns whether the navigation and buttons are left out and the table kept. */
  async printLayout(): Promise<{ navigation: boolean; backLink: boolean; table: boolean }> {
    await this.page.emulateMedia({ media: 'print' });
    const layout = {
      navigation: await this.page.getByRole('navigation', { name: 'Menu' }).isVisible(),
      backLink: await this.page.locator('.govuk-back-link').isVisible(),
      table: await this.page.getByTestId('minutes').isVisible(),
    };
    await this.page.emulateMedia({ media: 'screen' });
    return layout;
  }
}
