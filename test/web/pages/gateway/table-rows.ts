import type { Locator } from 'playwright-core';

/** The text of each body row's cells (`th` and `td`) of a table, whitespace tidied. */
export async function tableRows(table: Locator): Promise<string[][]> {
  const rows = table.locator('tbody tr');
  const count = await rows.count();
  const result: string[][] = [];
  for (let index = 0; index < count; index++) {
    const cells = await rows.nth(index).locator('th, td').allInnerTexts();
    result.push(cells.map((text) => text.replace(/\s+/g, ' ').trim()));
  }
  return result;
}
