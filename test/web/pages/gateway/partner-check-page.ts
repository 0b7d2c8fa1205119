import { BasePage } from '../base-page';

/** A calendar date as typed into a GOV.UK date input. */
export interface TypedDate {
  day: string;
  month: string;
  year: string;
}

/** The GAIN co-ordinator's forms: a partner check and a partner disposal. */
export class PartnerCheckPage extends BasePage {
  chooseAgency(name: string): Promise<string[]> {
    return this.page.locator('#agency').selectOption({ label: name });
  }

  async date(legend: string, date: TypedDate): Promise<void> {
    const group = this.page.getByRole('group', { name: legend });
    await group.getByLabel('Day').fill(date.day);
    await group.getByLabel('Month').fill(date.month);
    await group.getByLabel('Year').fill(date.year);
  }

  result(label: 'Hit' | 'No hit'): Promise<void> {
    return this.page.getByLabel(label, { exact: true }).check();
  }

  referenceBox() {
    return this.page.locator('#reference');
  }

  record(): Promise<void> {
    return this.submitWith('Record the check');
  }

  async dispose(agency: string, reference: string, rationale: string): Promise<void> {
    if (agency) await this.chooseAgency(agency);
    await this.referenceBox().fill(reference);
    await this.page.getByLabel('Why is the partner better placed?').fill(rationale);
    await this.submitWith('Dispose of the referral');
  }
}
