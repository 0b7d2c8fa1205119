import { meetingProblemRecipient } from './meeting-recipients';

describe('meetingProblemRecipient', () => {
  it("raises a meeting's problem to its region's ROCU manager", () => {
    expect(meetingProblemRecipient('EMSOU')).toEqual({ role: 'ROCU_MANAGER', org: 'EMSOU' });
  });
});
