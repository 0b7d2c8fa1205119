import type { AssessmentInput } from '@rocu/domain';
import { BasePage } from './base-page';
import { AssessmentPage } from './gateway/assessment-page';
import { tableRows } from './gateway/table-rows';

const words = (code: string): string => code.replace(/([A-Z])/g, ' $1').toLowerCase();

/** The NCA's tasking request form, its Check your answers and its confirmation. */
export class TaskingRequestPage extends AssessmentPage {
  async fillRequest(answers: {
    region: string;
    priority: string;
    subjectName: string;
    crimeType: string;
    force: string;
    capability: string;
  }): Promise<void> {
    await this.page.getByLabel('Region asked to take the work on').selectOption({ label: answers.region });
    await this.page.getByLabel('National priority').selectOption({ label: answers.priority });
    await this.page.getByLabel('Organised crime group').check();
    await this.page.getByLabel('Name of the subject').fill(answers.subjectName);
    await this.page.getByLabel(answers.crimeType, { exact: true }).check();
    await this.page.getByLabel(answers.force, { exact: true }).check();
    await this.page.getByLabel(answers.capability, { exact: true }).check();
    await this.page.getByLabel('Routine', { exact: true }).check();
    await this.radio('threatToLife', 'no').check();
    await this.page.getByLabel('Threat, risk and harm summary').fill('Firearms supply into the region from abroad');
    await this.radio('classification', 'OFFICIAL').check();
  }

  /** The NCA's score on the gateway's grid (no route: a tasking request always goes to the TTCG). */
  async fillScore(input: AssessmentInput, rationale: Record<string, string>): Promise<void> {
    await this.grade(input);
    for (const [element, text] of Object.entries(rationale)) {
      const label =
        element === 'route' ? "Rationale for asking this region's TTCG" : `Rationale for the ${words(element)}`;
      await this.page.getByLabel(label).fill(text);
    }
  }

  /** Check your answers: each row's key and value. */
  async answers(): Promise<Record<string, string>> {
    const rows = this.page.getByTestId('tasking-answers').locator('.govuk-summary-list__row');
    const count = await rows.count();
    const answers: Record<string, string> = {};
    for (let index = 0; index < count; index++) {
      const key = (await rows.nth(index).locator('dt').innerText()).trim();
      answers[key] = (await rows.nth(index).locator('dd.govuk-summary-list__value').innerText()).trim();
    }
    return answers;
  }

  reference(): Promise<string> {
    return this.page.getByTestId('reference').innerText();
  }
}

/** A page of tables (the national priorities, calendar and report, mutual aid), read by test id. */
export class TablesPage extends BasePage {
  async table(testId: string): Promise<string[][]> {
    return tableRows(this.page.getByTestId(testId));
  }

  notice(): Promise<string> {
    return this.page.locator('.govuk-notification-banner--success').innerText();
  }

  /** A link styled as a button (GOV.UK's start of a journey). */
  press(name: string): Promise<void> {
    return this.loadNextPage(this.page.getByRole('button', { name, exact: true }));
  }

  follow(name: string): Promise<void> {
    return this.loadNextPage(this.page.getByRole('link', { name, exact: true }));
  }
}
