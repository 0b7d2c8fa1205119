import type { Locator } from 'playwright-core';

/** A table's body rows as the text of each cell. */
export async function tableRows(table: Locator): Promise<string[][]> {
  const rows = table.locator('tbody tr');
  const texts: string[][] = [];
  for (let index = 0; index < (await rows.count()); index++) {
    texts.push((await rows.nth(index).locator('td').allInnerTexts()).map((text) => text.trim()));
  }
  return texts;
}
