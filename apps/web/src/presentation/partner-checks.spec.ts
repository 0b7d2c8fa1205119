import { partnerCheckRow } from './partner-checks';

describe('partnerCheckRow', () => {
  it("names the agency and the result, with the partner's reference for a hit", () => {
    const row = partnerCheckRow({
      agency: 'HMRC',
      requestedOn: '2026-11-02',
      result: 'HIT',
      reference: 'HMRC-CI-0042',
      checkedOn: '2026-11-04',
      recordedBy: { name: 'DC Laura Quinn' },
    });
    expect(row).toMatchObject({
      agency: 'HM Revenue and Customs',
      result: { text: 'Hit' },
      summary: 'HM Revenue and Customs: Hit (HMRC-CI-0042)',
      recordedBy: 'DC Laura Quinn',
    });
    expect(
      partnerCheckRow({ agency: 'BORDER_FORCE', requestedOn: '2026-11-02', result: 'NO_HIT', checkedOn: '2026-11-02' })
        .summary,
    ).toBe('Border Force: No hit');
  });
});
