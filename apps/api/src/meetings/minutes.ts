import type { AgendaItem } from '@rocu/contracts';

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
  }[];
}

export function highestClassification(items: readonly Pick<AgendaItem, 'classification'>[]): Minutes['classification'] {
  return items.some((item) => item.classification === 'OFFICIAL-SENSITIVE') ? 'OFFICIAL-SENSITIVE' : 'OFFICIAL';
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

/** A printable decision log; every value is escaped (rationales are free text). */
export function renderMinutesHtml(minutes: Minutes): string {
  const e = escapeHtml;
  const marking = `<p class="marking">${e(minutes.classification)}</p>`;
  const attendees = minutes.attendees
    .map(
      (attendee) =>
        `<li>${e(attendee.name)} (${e(attendee.org)})${attendee.declaredConflicts.length ? ` – declared conflicts: ${attendee.declaredConflicts.map(e).join(', ')}` : ''}</li>`,
    )
    .join('');
  const rows = minutes.items
    .map((item) => {
      const deviation = item.deviation
        ? `<strong>Deviation</strong> ahead of ${item.deviation.passedOver.map((over) => `${e(over.reference)} (rank ${over.rank}, ${e(over.outcome.toLowerCase())})`).join(', ')}: ${e(item.deviation.justification ?? '')}`
        : '';
      return `<tr><td>${item.kind === 'NEW' ? item.rank : 'ratification'}</td><td>${e(item.reference)}</td><td>${e(item.priority)}</td><td>${item.riskScore.toFixed(1)}</td><td>${item.ratification ? `${e(item.ratification.outcome === 'OVERTURN' ? `overturned ${item.ratification.overturned ?? ''}:` : 'ratified:')} ` : ''}${e(item.decision ?? 'undecided (rolls to the next meeting)')}${item.onwardReference ? ` (${e(item.onwardReference)})` : ''}</td><td>${e(item.rationale ?? '')}</td><td>${deviation}</td><td>${item.recused.map(e).join(', ')}</td></tr>`;
    })
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Minutes ${e(minutes.meeting.region)} ${e(minutes.meeting.type)} ${e(minutes.meeting.scheduledFor)}</title>
<style>body{font-family:Arial,sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #444;padding:4px;vertical-align:top}.marking{text-align:center;font-weight:bold}@media print{.marking{position:running(marking)}}</style></head>
<body>${marking}
<h1>${e(minutes.meeting.type === 'TTCG' ? 'TTCG' : 'Covert commissioning')} minutes: ${e(minutes.meeting.region)}</h1>
<p>Meeting ${e(minutes.meeting.id)} held ${e(minutes.meeting.scheduledFor)}; status ${e(minutes.meeting.status)}.</p>
<h2>Attendees and declarations</h2><ul>${attendees}</ul>
<h2>Decisions</h2>
<table><thead><tr><th>Rank</th><th>Reference</th><th>Priority</th><th>Risk</th><th>Decision</th><th>Rationale</th><th>Deviation</th><th>Recused</th></tr></thead><tbody>${rows}</tbody></table>
${marking}</body></html>`;
}
