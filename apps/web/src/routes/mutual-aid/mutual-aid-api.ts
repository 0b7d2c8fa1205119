/** A mutual-aid request as the API shows it to either region's ROCU manager (GET /mutual-aid-requests). */
export interface MutualAidRequest {
  id: string;
  referralId: string;
  priority: string | null;
  borrowingRegion: string;
  lendingRegion: string;
  kind: 'SIO' | 'CAPABILITY';
  capability: string | null;
  reason: string;
  state: 'REQUESTED' | 'APPROVED' | 'REFUSED' | 'WITHDRAWN';
  requestedBy: { sub: string; name: string };
  requestedAt: string;
  officer: { sub: string; name: string } | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  side: 'BORROWER' | 'LENDER';
  availableActions: string[];
}

export interface MutualAidList {
  items: MutualAidRequest[];
  total: number;
  page: number;
  pageSize: number;
}

/** An SIO of the caller's region (GET /officers). */
export interface Officer {
  sub: string;
  name: string;
  workload: { taskings: number; percent: number };
}
