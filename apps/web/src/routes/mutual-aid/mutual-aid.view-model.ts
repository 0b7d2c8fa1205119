import { organisationName } from '../../auth/dev-personas';
import { nameOf, CodeName } from '../../reference/reference-data.service';
import { statusTag, StatusTag, TagColour } from '../../presentation/status-tag';
import type { MutualAidRequest } from './mutual-aid-api';

export const MUTUAL_AID_PATH = '/mutual-aid';
export const mutualAidPath = (id: string, action: 'decision' | 'withdrawal'): string =>
  `${MUTUAL_AID_PATH}/${encodeURIComponent(id)}/${action}`;

const STATE_COLOURS: Record<string, TagColour> = {
  REQUESTED: 'blue',
  APPROVED: 'green',
  REFUSED: 'red',
  WITHDRAWN: 'grey',
};

/** What is asked for: "An SIO" or the capability's name. */
export const askedFor = (request: Pick<MutualAidRequest, 'kind' | 'capability'>, capabilities: CodeName[]): string =>
  request.kind === 'SIO' ? 'An SIO' : `Capability: ${nameOf(capabilities, request.capability ?? '')}`;

/** The tasking as the caller may see it: its reference for the borrowing region, only its priority band for the lender. */
const taskingText = (request: MutualAidRequest, references: ReadonlyMap<string, string>): string =>
  references.get(request.referralId) ?? `A tasking${request.priority ? ` (${request.priority})` : ''}`;

export interface MutualAidRow {
  requestedAt: string;
  tasking: string;
  region: string;
  askedFor: string;
  reason: string;
  state: StatusTag;
  outcome: string;
  actions: { text: string; href: string }[];
}

function row(
  request: MutualAidRequest,
  references: ReadonlyMap<string, string>,
  capabilities: CodeName[],
): MutualAidRow {
  const outcome = [request.officer && `SIO lent: ${request.officer.name}`, request.decisionReason]
    .filter(Boolean)
    .join('. ');
  const actions = [
    ...(request.availableActions.includes('APPROVE') || request.availableActions.includes('REFUSE')
      ? [{ text: 'Approve or refuse', href: mutualAidPath(request.id, 'decision') }]
      : []),
    ...(request.availableActions.includes('WITHDRAW')
      ? [{ text: 'Withdraw', href: mutualAidPath(request.id, 'withdrawal') }]
      : []),
  ];
  return {
    requestedAt: request.requestedAt,
    tasking: taskingText(request, references),
    region: organisationName(request.side === 'BORROWER' ? request.lendingRegion : request.borrowingRegion),
    askedFor: askedFor(request, capabilities),
    reason: request.reason,
    state: statusTag(request.state, STATE_COLOURS),
    outcome,
    actions,
  };
}

/** Both sides of the manager's mutual aid: what their region asked of others, and what others asked of it. */
export function mutualAidListView(
  requests: readonly MutualAidRequest[],
  references: ReadonlyMap<string, string>,
  capabilities: CodeName[],
  notice: string | undefined,
) {
  const side = (which: MutualAidRequest['side']) =>
    requests.filter((request) => request.side === which).map((request) => row(request, references, capabilities));
  return { pageTitle: 'Mutual aid', contentWidth: 'full', notice, made: side('BORROWER'), received: side('LENDER') };
}
