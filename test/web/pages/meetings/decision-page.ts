import { BasePage } from '../base-page';
import { AttendancePage } from './attendance-page';

/** The decision form: an agenda item's (/meetings/{id}/items/{referralId}/decision) or an urgent one. */
export class DecisionPage extends BasePage {
  async choose(decisionLabel: string, rationale: string): Promise<void> {
    await this.page.getByLabel(decisionLabel, { exact: true }).check();
    await this.page.getByLabel('Rationale').fill(rationale);
  }

  async fillOnwardReference(value: string): Promise<void> {
    await this.page.getByLabel('Onward reference (if referred to the NCA or a partner)').fill(value);
  }

  continue(): Promise<void> {
    return this.submitWith('Continue');
  }

  /** The decisions offered (the radios' labels). */
  decisions(): Promise<string[]> {
    return this.page
      .getByRole('group', { name: 'Decision', exact: true })
      .locator('.govuk-radios__label')
      .allInnerTexts();
  }

  /** On a ratification item: lets the urgent decision stand. */
  async ratify(rationale: string): Promise<void> {
    await this.page.getByRole('radio', { name: /^Ratify: / }).check();
    await this.page.getByLabel('Rationale').fill(rationale);
  }

  /** On a ratification item: overturns the urgent decision with a new one. */
  async overturn(decisionLabel: string, rationale: string): Promise<void> {
    await this.overturnWithout(rationale);
    await this.page.getByLabel(decisionLabel, { exact: true }).check();
  }

  /** Chooses to overturn and gives the rationale, but not (yet) the new decision. */
  async overturnWithout(rationale: string): Promise<void> {
    await this.page.getByLabel('Overturn it with a new decision').check();
    await this.page.getByLabel('Rationale').fill(rationale);
  }

  /** The banner of a decision refused because the meeting is not in session or not quorate. */
  sessionRefusal(): Promise<string> {
    return this.page.getByTestId('session-refusal').innerText();
  }

  /** Follows the refusal banner's link to record attendance. */
  async recordAttendance(): Promise<AttendancePage> {
    await this.loadNextPage(this.page.getByRole('link', { name: 'Record attendance' }));
    return new AttendancePage(this.page);
  }

  /** Whether a field is offered on this page at all (the justification is asked only on its own step). */
  has(label: string): Promise<boolean> {
    return this.page.getByLabel(label).isVisible();
  }
}

/** The second step of an adoption that passes over higher-ranked items. */
export class JustificationPage extends BasePage {
  passedOver(): Promise<string[]> {
    return this.page.getByTestId('passed-over').locator('li').allInnerTexts();
  }

  async justify(text: string): Promise<void> {
    await this.page.getByLabel('Why adopt this item ahead of the higher-ranked ones?').fill(text);
    await this.submitWith('Record the decision');
  }
}

/** IMMEDIATE referrals awaiting a decision (/meetings/urgent-decisions). */
export class UrgentDecisionsPage extends BasePage {
  references(): Promise<string[]> {
    return this.page.getByTestId('urgent-referrals').locator('tbody tr td:first-child').allInnerTexts();
  }

  async open(reference: string): Promise<DecisionPage> {
    await this.loadNextPage(this.page.getByRole('link', { name: reference, exact: true }));
    return new DecisionPage(this.page);
  }

  banner(): Promise<string> {
    return this.page.locator('.govuk-notification-banner').innerText();
  }
}
