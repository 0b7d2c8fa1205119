import type { Recipient } from './recipient';

/**
 * A meeting's problem (an item left off its agenda, an agenda or decision that could not be recorded) is
 * raised to the region's ROCU manager, who runs the meeting's business.
 */
export const meetingProblemRecipient = (region: string): Recipient => ({ role: 'ROCU_MANAGER', org: region });
