import { BasePage } from '../base-page';
import { tableRows } from './table-rows';
import { MeetingPage } from './meeting-page';
import { UrgentDecisionsPage } from './decision-page';

/** The region's meetings (/meetings). */
export class MeetingsPage extends BasePage {
  /** The meetings listed: date (as the link text), type and status. */
  rows(): Promise<string[][]> {
    return tableRows(this.page.getByTestId('meetings'));
  }

  async openMeeting(meetingId: string): Promise<MeetingPage> {
    await this.loadNextPage(this.page.locator(`a[href="/meetings/${meetingId}"]`));
    return new MeetingPage(this.page);
  }

  async openUrgentDecisions(): Promise<UrgentDecisionsPage> {
    await this.loadNextPage(this.page.getByRole('link', { name: 'Urgent out-of-meeting decisions' }));
    return new UrgentDecisionsPage(this.page);
  }
}
