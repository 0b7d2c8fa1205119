import type { AssessmentInput } from '@rocu/domain';
import { BasePage } from '../base-page';
import { tableRows } from './table-rows';

const sentence = (code: string): string =>
  code
    .replace(/([A-Z])/g, ' $1')
    .replace(/_/g, ' ')
    .toLowerCase()
    .replace(/^./, (first) => first.toUpperCase());

/** The assessment grid: one radio group per element (found by its fieldset legend), a rationale per element. */
export class AssessmentPage extends BasePage {
  /** The option `value` of the radio group whose name is `name` (e.g. `harm[physical]`). */
  radio(name: string, value: string) {
    return this.page.locator(`input[type=radio][name="${name}"][value="${value}"]`);
  }

  async fill(input: AssessmentInput, route: string, rationale: Record<string, string>): Promise<void> {
    await this.grade(input);
    await this.radio('route', route).check();
    for (const [element, text] of Object.entries(rationale)) {
      await this.page
        .getByLabel(`Rationale for the ${sentence(element).toLowerCase()}`, { exact: false })
        .first()
        .fill(text);
    }
  }

  /** Grades every element of the grid (its radios only). */
  async grade(input: AssessmentInput): Promise<void> {
    for (const [element, grade] of Object.entries(input.harm)) await this.radio(`harm[${element}]`, grade).check();
    await this.radio('geographicScope', input.geographicScope).check();
    await this.radio('victimVulnerability', input.victimVulnerability).check();
    await this.radio('likelihood', String(input.likelihood)).check();
    await this.radio('confidence', input.confidence).check();
    for (const [factor, value] of Object.entries(input.organisationalPosition)) {
      await this.radio(`organisationalPosition[${factor}]`, String(value)).check();
    }
  }

  /** The live score the grid's script shows (JavaScript only), once it has caught up with the last choice. */
  async liveScore(): Promise<string> {
    const live = this.page.locator('#score-preview');
    await live.filter({ hasText: 'Score so far:' }).waitFor();
    return live.innerText();
  }

  checkTheScore(): Promise<void> {
    return this.submitWith('Check the score');
  }
}

export class CheckScorePage extends BasePage {
  /** The score panel; on another page, fails saying which page it was and what it refused. */
  async score(): Promise<string> {
    const panel = this.page.getByTestId('score');
    if (!(await panel.isVisible())) {
      const refused = JSON.stringify(await this.errorSummary());
      throw new Error(`no score at ${this.page.url()}: "${await this.heading()}", errors ${refused}`);
    }
    return panel.innerText();
  }

  explanation(): Promise<string> {
    return this.page.getByTestId('explanation').innerText();
  }

  breakdown(): Promise<string[][]> {
    return tableRows(this.page.getByTestId('breakdown'));
  }

  submit(): Promise<void> {
    return this.submitWith('Submit the assessment');
  }
}
