import { reportView } from './national-rhythm.view-model';

const row = (
  region: string,
  nationalPriority: string,
  awaitingDecision: number,
  adopted: number,
  declined: number,
) => ({
  region,
  nationalPriority,
  awaitingDecision,
  adopted,
  declined,
});

describe('the national report', () => {
  const report = reportView(
    {
      rows: [
        row('YHROCU', 'FIREARMS', 1, 2, 1),
        row('YHROCU', 'COUNTY_LINES', 0, 0, 0),
        row('ERSOU', 'FIREARMS', 2, 0, 0),
      ],
      declines: [],
    },
    [{ code: 'FIREARMS', title: 'Illegal firearms', createdAt: '2026-01-01T00:00:00Z', retiredAt: null }],
  );

  it("totals each region's counts, and draws each as stacked bars scaled to the largest total", () => {
    expect(
      report.regions.map(({ region, awaitingDecision, adopted, declined, total }) => ({
        region,
        awaitingDecision,
        adopted,
        declined,
        total,
      })),
    ).toEqual([
      {
        region: 'Yorkshire and the Humber Regional Organised Crime Unit',
        awaitingDecision: 1,
        adopted: 2,
        declined: 1,
        total: 4,
      },
      { region: 'Eastern Region Special Operations Unit', awaitingDecision: 2, adopted: 0, declined: 0, total: 2 },
    ]);
    expect(report.regions[0].bars).toEqual([
      { className: 'app-chart__bar--awaiting', x: 0, width: 75 },
      { className: 'app-chart__bar--adopted', x: 75, width: 150 },
      { className: 'app-chart__bar--declined', x: 225, width: 75 },
    ]);
    expect(report.regions[1].bars).toEqual([{ className: 'app-chart__bar--awaiting', x: 0, width: 150 }]);
    expect(report.chartHeight).toBe(80);
  });

  it('lists by region and priority only what has something aligned, by the priority title', () => {
    expect(report.rows.map((each) => [each.region, each.priority])).toEqual([
      ['Yorkshire and the Humber Regional Organised Crime Unit', 'Illegal firearms'],
      ['Eastern Region Special Operations Unit', 'Illegal firearms'],
    ]);
  });
});
