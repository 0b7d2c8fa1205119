/** GET /meetings/{id}/minutes: the decision log, read by the API's HTML rendering and the web app. */
export interface Minutes {
  meeting: { id: string; region: string; type: string; status: string; scheduledFor: string };
  /** The highest classification of any item: the whole document is marked with it. */
  classification: 'OFFICIAL' | 'OFFICIAL-SENSITIVE';
  attendees: { sub: string; name: string; org: string; declaredConflicts: string[] }[];
  items: {
    rank: number;
    kind: string;
    reference: string;
    priority: string;
    riskScore: number;
    decision: string | null;
    /** On a ratification item: RATIFY or OVERTURN, and the urgent decision overturned. */
    ratification: { outcome: string; overturned: string | null } | null;
    onwardReference: string | null;
    rationale: string | null;
    decidedBy: string | null;
    deviation: {
      passedOver: { reference: string; rank: number; outcome: string }[];
      justification: string | null;
    } | null;
    recused: string[];
    /** The national priority the item is aligned to, and NCA_TASKING for an NCA tasking request (issue 16). */
    nationalPriority?: string;
    origin?: string;
    /** Why a tasking request was declined (required besides the rationale, and reported nationally). */
    declineJustification?: string;
    /** Left the meeting undecided: withdrawn, or decided outside it (not rolled to the next meeting). */
    settledElsewhere: boolean;
  }[];
}
