import type { Locator, Page } from 'playwright-core';

/**
 * A person using only the keyboard: Tab to reach things, Space and arrow keys to choose, typing to
 * answer, Enter to press buttons. Fails when something cannot be reached with Tab.
 */
export class KeyboardUser {
  constructor(readonly page: Page) {}

  private async isFocused(target: Locator): Promise<boolean> {
    return target.evaluate((element) => element === element.ownerDocument.activeElement);
  }

  /** Presses Tab until the target has focus. */
  async tabTo(target: Locator, limit = 150): Promise<void> {
    for (let presses = 0; presses < limit; presses++) {
      if (await this.isFocused(target)) return;
      await this.page.keyboard.press('Tab');
    }
    throw new Error(`could not reach ${target.toString()} with the Tab key`);
  }

  async type(field: Locator, text: string): Promise<void> {
    await this.tabTo(field);
    await this.page.keyboard.type(text);
  }

  /** Ticks a checkbox (Tab to it, Space). */
  async tick(checkbox: Locator): Promise<void> {
    await this.tabTo(checkbox);
    await this.page.keyboard.press('Space');
  }

  /** Chooses a radio: Tab into its group (one stop per group), then arrow down until it is chosen. */
  async choose(group: Locator, label: string): Promise<void> {
    const radios = group.getByRole('radio');
    const target = group.getByLabel(label, { exact: true });
    for (let presses = 0; presses < 150; presses++) {
      const focusedIndex = await radios.evaluateAll((all) =>
        all.findIndex((radio) => radio === radio.ownerDocument.activeElement),
      );
      if (focusedIndex >= 0) break;
      await this.page.keyboard.press('Tab');
    }
    for (let moves = 0; moves < 10 && !(await this.isFocused(target)); moves++)
      await this.page.keyboard.press('ArrowDown');
    await this.page.keyboard.press('Space');
  }

  /** Chooses an option of a select by typing its first characters. */
  async select(select: Locator, typed: string): Promise<void> {
    await this.tabTo(select);
    await this.page.keyboard.type(typed);
  }

  /** Presses a button (or a link styled as one) with Enter and waits for the page that answers. */
  async press(button: Locator): Promise<void> {
    await this.tabTo(button);
    const page = this.page;
    await Promise.all([
      page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()),
      page.keyboard.press('Enter'),
    ]);
    await page.waitForLoadState();
  }
}
