import { BasePage } from '../base-page';

export const TRIAGE_CHOICES = {
  ACCEPT: 'Accept for assessment',
  REQUEST_INFO: 'Request information from the force',
  REJECT: 'Reject',
} as const;

export class TriagePage extends BasePage {
  async decide(decision: keyof typeof TRIAGE_CHOICES, reason: string): Promise<void> {
    await this.page.getByLabel(TRIAGE_CHOICES[decision], { exact: true }).check();
    await this.page.getByLabel('Reason', { exact: true }).fill(reason);
    await this.submit();
  }

  submit(): Promise<void> {
    return this.submitWith('Record the triage decision');
  }
}
