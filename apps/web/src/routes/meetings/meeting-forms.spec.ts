import type { MeetingDetail } from './meeting-api';
import { agendaItem, decisionRecord, frozenMeeting } from './meeting-detail.fixture';
import {
  attendeeRows,
  attendeesToRecord,
  decisionBody,
  attendanceForm,
  removedAttendees,
  itemDecisionBody,
  wouldPassOver,
} from './meeting-forms';

const meeting = (decided: Record<string, string> = {}): MeetingDetail =>
  frozenMeeting(
    [agendaItem('a', 1), agendaItem('b', 2), agendaItem('urgent', 0, { kind: 'RATIFICATION' })],
    Object.entries(decided).map(([referralId, decision]) => decisionRecord(referralId, decision as 'DEFER')),
  );

describe('wouldPassOver (when the justification is asked for)', () => {
  it('asks when adopting below an undecided or deferred item, by the domain deviation rule', () => {
    expect(wouldPassOver(meeting(), 'b', 'ADOPT_ROCU_LEAD')).toEqual([
      { referralId: 'a', rank: 1, outcome: 'UNDECIDED' },
    ]);
    expect(wouldPassOver(meeting({ a: 'DEFER' }), 'b', 'TASK_INTEL_DEVELOPMENT')).toEqual([
      { referralId: 'a', rank: 1, outcome: 'DEFER' },
    ]);
  });

  it('does not ask for an item below one settled elsewhere (withdrawn, or decided out of the meeting)', () => {
    const withdrawn = meeting();
    withdrawn.agenda[0].settledElsewhere = true;
    expect(wouldPassOver(withdrawn, 'b', 'ADOPT_ROCU_LEAD')).toEqual([]);
  });

  it('does not ask for the top item, a higher item adopted, a non-adoption, a ratification or an unknown decision', () => {
    expect(wouldPassOver(meeting(), 'a', 'ADOPT_ROCU_LEAD')).toEqual([]);
    expect(wouldPassOver(meeting({ a: 'ADOPT_SUPPORT_ONLY' }), 'b', 'ADOPT_ROCU_LEAD')).toEqual([]);
    expect(wouldPassOver(meeting(), 'b', 'DEFER')).toEqual([]);
    expect(wouldPassOver(meeting(), 'urgent', 'ADOPT_ROCU_LEAD')).toEqual([]);
    expect(wouldPassOver(meeting(), 'b', 'RATIFY')).toEqual([]);
  });
});

describe('decisionBody', () => {
  it('sends the answers trimmed, optional blanks left out (the API names what is missing)', () => {
    expect(
      decisionBody({
        decision: 'REFER_PARTNER',
        rationale: ' GAIN disposal ',
        onwardReference: ' GAIN-7 ',
        deviationJustification: '  ',
      }),
    ).toEqual({ decision: 'REFER_PARTNER', rationale: 'GAIN disposal', onwardReference: 'GAIN-7' });
    expect(decisionBody({ decision: 'DEFER', onwardReference: '', deviationJustification: ' why ' })).toEqual({
      decision: 'DEFER',
      rationale: '',
      deviationJustification: 'why',
    });
    expect(decisionBody({})).toEqual({ rationale: '' });
  });
});

describe('itemDecisionBody', () => {
  const urgent = { urgentDecision: 'REFER_NATIONAL' as const };

  it('ratifying sends the urgent decision itself, whatever else was chosen', () => {
    expect(
      itemDecisionBody(
        { ratification: 'RATIFY', decision: 'DEFER', rationale: ' Agreed ', onwardReference: 'NCA-1' },
        urgent,
      ),
    ).toEqual({ ratification: 'RATIFY', decision: 'REFER_NATIONAL', rationale: 'Agreed', onwardReference: 'NCA-1' });
  });

  it('overturning sends the new decision chosen (or none, for the API to ask for)', () => {
    expect(itemDecisionBody({ ratification: 'OVERTURN', decision: 'DEFER', rationale: 'r' }, urgent)).toEqual({
      ratification: 'OVERTURN',
      decision: 'DEFER',
      rationale: 'r',
    });
    expect(itemDecisionBody({ ratification: 'OVERTURN', rationale: 'r' }, urgent)).toEqual({
      ratification: 'OVERTURN',
      rationale: 'r',
    });
  });

  it('sends no ratification for a new item, nor an unknown or missing choice (the API names what is missing)', () => {
    expect(itemDecisionBody({ ratification: 'RATIFY', decision: 'DEFER', rationale: 'r' }, {})).toEqual({
      decision: 'DEFER',
      rationale: 'r',
    });
    expect(itemDecisionBody({ ratification: 'MAYBE', rationale: 'r' }, urgent)).toEqual({ rationale: 'r' });
    expect(itemDecisionBody({ rationale: 'r' }, urgent)).toEqual({ rationale: 'r' });
  });
});

describe('attendance rows', () => {
  it('reads bracket-notation rows, one conflict or many', () => {
    expect(
      attendeeRows({
        attendees: [
          { name: ' Ann ', sub: 'ann', org: 'WYP', conflicts: 'x' },
          { name: 'Bob', sub: 'bob', org: 'NCA', conflicts: ['x', 'y'] },
        ],
      }),
    ).toEqual([
      { name: 'Ann', sub: 'ann', org: 'WYP', conflicts: ['x'] },
      { name: 'Bob', sub: 'bob', org: 'NCA', conflicts: ['x', 'y'] },
    ]);
    expect(attendeeRows({})).toEqual([]);
  });

  it('reads more than 20 rows, which the form parser gives as an object keyed by row number', () => {
    const attendees = Object.fromEntries(
      Array.from({ length: 25 }, (_, index) => [String(index), { name: `P${index}`, sub: `p${index}`, org: 'WYP' }]),
    );
    const read = attendeeRows({ attendees });
    expect(read).toHaveLength(25);
    expect(read[24]).toEqual({ name: 'P24', sub: 'p24', org: 'WYP', conflicts: [] });
  });

  it('leaves out trailing blank rows but keeps a blank row between others, so row numbers match the form', () => {
    const blank = { name: '', sub: '', org: '', conflicts: [] };
    const ann = { name: 'Ann', sub: 'ann', org: 'WYP', conflicts: [] };
    expect(attendeesToRecord([ann, blank, ann, blank, blank])).toEqual([ann, blank, ann]);
    expect(attendeesToRecord([blank])).toEqual([]);
  });

  it('removes the people recorded as the form was first shown whose row is gone, and nobody recorded since', () => {
    const ann = { name: 'Ann', sub: 'ann', org: 'WYP', conflicts: [] };
    const annRow = { name: 'Ann', sub: 'ann', org: 'WYP' };
    expect(removedAttendees(attendanceForm({ recorded: ['ann', 'bob', 'bob'], attendees: [annRow] }))).toEqual(['bob']);
    expect(attendanceForm({ recorded: 'bob', attendees: [annRow] })).toEqual({ rows: [ann], recorded: ['bob'] });
    expect(removedAttendees({ rows: [ann], recorded: ['ann'] })).toEqual([]);
    expect(removedAttendees(attendanceForm({}))).toEqual([]); // nobody was on the form
  });
});
