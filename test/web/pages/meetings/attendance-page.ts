import type { Locator } from 'playwright-core';
import { BasePage } from '../base-page';
import { MeetingPage } from './meeting-page';

export interface AttendeeAnswers {
  name: string;
  sub: string;
  /** The organisation's name as offered in the list, e.g. "West Yorkshire Police". */
  org?: string;
  /** Agenda references this person declares a conflict on. */
  conflicts?: string[];
}

/** Recording attendance (/meetings/{id}/attendance): one fieldset per attendee, "Add another attendee", "Remove". */
export class AttendancePage extends BasePage {
  attendee(index: number): Locator {
    return this.page.getByTestId('attendee').nth(index);
  }

  count(): Promise<number> {
    return this.page.getByTestId('attendee').count();
  }

  async value(index: number, label: 'Name' | 'Sign-in ID'): Promise<string> {
    return this.attendee(index).getByLabel(label, { exact: true }).inputValue();
  }

  /** Every row's name, in the form's order. */
  async names(): Promise<string[]> {
    const rows = await this.page.getByTestId('attendee').all();
    return Promise.all(rows.map((row) => row.getByLabel('Name', { exact: true }).inputValue()));
  }

  /** Removes the row (a round trip, saved only with the form). */
  async remove(index: number): Promise<void> {
    await this.submitWith(`Remove attendee ${index + 1}`);
  }

  async addAnother(): Promise<void> {
    await this.submitWith('Add another attendee');
  }

  /** Adds a row with "Add another attendee" and fills it in. */
  async add(answers: AttendeeAnswers): Promise<void> {
    await this.addAnother();
    await this.fill((await this.count()) - 1, answers);
  }

  async fill(index: number, answers: AttendeeAnswers): Promise<void> {
    const row = this.attendee(index);
    await row.getByLabel('Name', { exact: true }).fill(answers.name);
    await row.getByLabel('Sign-in ID', { exact: true }).fill(answers.sub);
    if (answers.org) await row.getByLabel('Organisation').selectOption({ label: answers.org });
    for (const reference of answers.conflicts ?? []) {
      await row.getByRole('checkbox', { name: new RegExp(`^${reference} `) }).check();
    }
  }

  async save(): Promise<MeetingPage> {
    await this.submitWith('Save attendance');
    return new MeetingPage(this.page);
  }
}
