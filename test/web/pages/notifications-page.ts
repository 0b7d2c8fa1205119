import type { Locator } from 'playwright-core';
import { BasePage } from './base-page';

/** The inbox: the signed-in person's notifications, each with "Mark as read" while unread. */
export class NotificationsPage extends BasePage {
  /** The count of unread notifications in the header's navigation; 0 when none is shown. */
  async unreadInHeader(): Promise<number> {
    const count = this.page.getByTestId('unread-count');
    if ((await count.count()) === 0) return 0;
    return Number.parseInt(await count.innerText(), 10);
  }

  unreadSummary(): Promise<string> {
    return this.page.getByTestId('unread-summary').innerText();
  }

  private item(title: string): Locator {
    return this.page.getByTestId('notification').filter({ hasText: title });
  }

  /** Whether the notification with this title is listed, and marked unread. */
  async state(title: string): Promise<'unread' | 'read' | 'absent'> {
    const item = this.item(title);
    if ((await item.count()) === 0) return 'absent';
    return (await item.locator('.govuk-tag', { hasText: 'Unread' }).count()) > 0 ? 'unread' : 'read';
  }

  titles(): Promise<string[]> {
    return this.page.getByTestId('notification').locator('h2').allInnerTexts();
  }

  markRead(title: string): Promise<void> {
    return this.loadNextPage(this.item(title).getByRole('button', { name: /^Mark as read/ }));
  }
}

/** The development mailbox (AUTH_MODE=dev): what the local SMTP sink received. */
export class DevMailboxPage extends BasePage {
  async open(): Promise<void> {
    await this.page.goto('/dev/mailbox');
  }

  subjects(): Promise<string[]> {
    return this.page.getByTestId('dev-mail').locator('h2').allInnerTexts();
  }
}

/** The ROCU manager's failed e-mail deliveries. */
export class FailedDeliveriesPage extends BasePage {
  /** The table's rows, each as its cells' text. */
  async rows(): Promise<string[][]> {
    const rows = this.page.getByTestId('failed-deliveries').locator('tbody tr');
    const result: string[][] = [];
    for (let index = 0; index < (await rows.count()); index++) {
      result.push(await rows.nth(index).locator('td').allInnerTexts());
    }
    return result;
  }
}
