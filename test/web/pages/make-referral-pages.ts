import type { Page } from 'playwright-core';
import { BasePage } from './base-page';

export interface NominalAnswer {
  identifier: string;
  role: 'Principal' | 'Associate';
}

export interface IntelligenceAnswer {
  reference: string;
  source: string;
  information: string;
  handling: string;
  conditions?: string;
}

/** A whole referral as a person would answer the question pages (labels as shown on the pages). */
export interface ReferralAnswers {
  subjectType: string;
  subjectName: string;
  nominals: NominalAnswer[];
  crimeTypes: string[];
  forces: string[];
  capabilities: string[];
  urgency: string;
  threatToLife: 'Yes' | 'No';
  summary: string;
  intelligence: IntelligenceAnswer[];
  classification: string;
}

/** The "Make a referral" question pages, answered the way a person does: by labels, then Continue. */
export class MakeReferralPages extends BasePage {
  /** Called on arriving at each question page (the tests check accessibility there). */
  constructor(
    page: Page,
    private readonly onEachPage: () => Promise<void> = async () => undefined,
  ) {
    super(page);
  }

  continue(): Promise<void> {
    return this.submitWith('Continue');
  }

  async subject(type: string, name: string): Promise<void> {
    await this.onEachPage();
    await this.page.getByLabel(type, { exact: true }).check();
    await this.page.getByLabel('Name', { exact: true }).fill(name);
    await this.continue();
  }

  /** Fills the nominal rows, pressing "Add another nominal" for each after the first. */
  async nominals(nominals: NominalAnswer[]): Promise<void> {
    await this.onEachPage();
    for (const [index, nominal] of nominals.entries()) {
      if (index > 0) await this.submitWith('Add another nominal');
      const row = this.page.getByRole('group', { name: `Nominal ${index + 1}` });
      await row.getByLabel('Identifier').fill(nominal.identifier);
      await row.getByLabel(nominal.role, { exact: true }).check();
    }
    await this.continue();
  }

  async tick(labels: string[]): Promise<void> {
    await this.onEachPage();
    for (const label of labels) await this.page.getByLabel(label, { exact: true }).check();
    await this.continue();
  }

  async urgency(urgency: string, threatToLife: 'Yes' | 'No'): Promise<void> {
    await this.onEachPage();
    await this.page.getByLabel(urgency, { exact: true }).check();
    await this.page
      .getByRole('group', { name: 'Is there a threat to life?' })
      .getByLabel(threatToLife, { exact: true })
      .check();
    await this.continue();
  }

  async summary(text: string): Promise<void> {
    await this.onEachPage();
    await this.page.getByLabel('Threat, risk and harm summary').fill(text);
    await this.continue();
  }

  /** Adds each intelligence item with "Add an intelligence item" / "Add another intelligence item". */
  async intelligence(items: IntelligenceAnswer[]): Promise<void> {
    await this.onEachPage();
    for (const [index, item] of items.entries()) {
      await this.submitWith(index === 0 ? 'Add an intelligence item' : 'Add another intelligence item');
      const group = this.page.getByRole('group', { name: `Intelligence item ${index + 1}` });
      await group.getByLabel('Report reference').fill(item.reference);
      await group.getByLabel('Source evaluation').selectOption({ label: item.source });
      await group.getByLabel('Intelligence assessment').selectOption({ label: item.information });
      await group.getByLabel('Handling code').selectOption({ label: item.handling });
      await group.getByLabel('Handling conditions').fill(item.conditions ?? '');
    }
    await this.continue();
  }

  /** A page asking one radio question: the answer chosen by its label, then Continue. */
  private async choose(label: string): Promise<void> {
    await this.onEachPage();
    await this.page.getByLabel(label, { exact: true }).check();
    await this.continue();
  }

  /** Asked of a partner agency only: the region whose gateway receives it. */
  region(label: string): Promise<void> {
    return this.choose(label);
  }

  classification(label: string): Promise<void> {
    return this.choose(label);
  }

  /** Every question page in order, from the first, ending on Check your answers. */
  async answerAll(answers: ReferralAnswers): Promise<void> {
    await this.subject(answers.subjectType, answers.subjectName);
    await this.nominals(answers.nominals);
    await this.tick(answers.crimeTypes);
    await this.tick(answers.forces);
    await this.tick(answers.capabilities);
    await this.urgency(answers.urgency, answers.threatToLife);
    await this.summary(answers.summary);
    await this.intelligence(answers.intelligence);
    await this.classification(answers.classification);
  }
}

/** Check your answers: what was answered, per question, and sending it. */
export class CheckAnswersPage extends BasePage {
  async answers(): Promise<Record<string, string>> {
    const rows = this.page.locator('.govuk-summary-list__row');
    const answers: Record<string, string> = {};
    for (let index = 0; index < (await rows.count()); index++) {
      const key = (await rows.nth(index).locator('.govuk-summary-list__key').innerText()).trim();
      answers[key] = (await rows.nth(index).locator('.govuk-summary-list__value').innerText()).trim();
    }
    return answers;
  }

  send(): Promise<void> {
    return this.submitWith('Send referral');
  }

  /** Follows an error summary link to the question page it names. */
  followError(text: string): Promise<void> {
    return this.loadNextPage(this.page.locator('.govuk-error-summary__list a', { hasText: text }).first());
  }
}

export class ConfirmationPage extends BasePage {
  reference(): Promise<string> {
    return this.page.getByTestId('reference').innerText();
  }

  /** The notification banner's text, or '' when there is none. */
  async notice(): Promise<string> {
    const banner = this.page.locator('.govuk-notification-banner');
    return (await banner.count()) > 0 ? banner.innerText() : '';
  }
}
