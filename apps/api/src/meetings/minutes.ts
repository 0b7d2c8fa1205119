import type { AgendaItem, Minutes } from '@rocu/contracts';

export function highestClassification(items: readonly Pick<AgendaItem, 'classification'>[]): Minutes['classification'] {
  return items.some((item) => item.classification === 'OFFICIAL-SENSITIVE') ? 'OFFICIAL-SENSITIVE' : 'OFFICIAL';
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

const undecidedText = (item: Pick<Minutes['items'][number], 'settledElsewhere'>): string =>
  item.settledElsewhere
    ? 'settled elsewhere (withdrawn or decided outside the meeting)'
    : 'undecided (rolls to the next meeting)';

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
      const national = [
        item.origin === 'NCA_TASKING' ? 'NCA tasking request' : '',
        item.nationalPriority ? `national priority ${e(item.nationalPriority)}` : '',
      ].filter(Boolean);
      const reference = `${e(item.reference)}${national.length ? `<br><strong>National:</strong> ${national.join(', ')}` : ''}`;
      const rationale = `${e(item.rationale ?? '')}${item.declineJustification ? `<br><strong>Decline justification:</strong> ${e(item.declineJustification)}` : ''}`;
      return `<tr><td>${item.kind === 'NEW' ? item.rank : 'ratification'}</td><td>${reference}</td><td>${e(item.priority)}</td><td>${item.riskScore.toFixed(1)}</td><td>${item.ratification ? `${e(item.ratification.outcome === 'OVERTURN' ? `overturned ${item.ratification.overturned ?? ''}:` : 'ratified:')} ` : ''}${e(item.decision ?? undecidedText(item))}${item.onwardReference ? ` (${e(item.onwardReference)})` : ''}</td><td>${rationale}</td><td>${deviation}</td><td>${item.recused.map(e).join(', ')}</td></tr>`;
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
