import type { Locator, Page } from 'playwright-core';

/** What the focus check reads in the page (the tests compile without the DOM lib). */
interface Focusable {
  ownerDocument: { activeElement: unknown };
}

/**
 * Presses Tab until the element has the focus, as a keyboard-only person reaches it; fails if it never
 * does. Reads the focus in the page, so it needs JavaScript on.
 */
export async function tabTo(page: Page, target: Locator, maxPresses = 200): Promise<void> {
  for (let press = 0; press < maxPresses; press++) {
    if (await target.evaluate((element) => (element as unknown as Focusable).ownerDocument.activeElement === element)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${target.toString()} with the Tab key`);
}

/** Presses a key that loads another page (Enter on a link or button) and waits until it has loaded. */
export async function pressToLoad(page: Page, key: string): Promise<void> {
  await Promise.all([
    page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()),
    page.keyboard.press(key),
  ]);
  await page.waitForLoadState();
}

/** Moves a focused select's choice with the arrow keys until it shows the option wanted. */
export async function arrowToOption(page: Page, select: Locator, value: string, maxPresses = 80): Promise<void> {
  for (let press = 0; press < maxPresses && (await select.inputValue()) !== value; press++) {
    await page.keyboard.press('ArrowDown');
  }
  if ((await select.inputValue()) !== value) throw new Error(`could not choose ${value} with the arrow keys`);
}
