import { PagesFor } from '../auth/web-guards';
import { GATEWAY_TEAM, NCA_LIAISON } from './navigation';

/** The gateway team's controllers (work queue, triage, assessment, partner checks). */
export const GatewayPages = (path: string): ClassDecorator => PagesFor(path, GATEWAY_TEAM, 'For the gateway team only');

/** The NCA liaison's controllers (national queue, tasking requests, priorities, calendar and report). */
export const NationalPages = (path: string): ClassDecorator => PagesFor(path, NCA_LIAISON, 'For NCA liaison only');
