import { PartnerCheck, partnerCheckErrors } from './partner-checks';

const CHECK: PartnerCheck = {
  agency: 'HMRC',
  requestedOn: '2026-11-02',
  result: 'HIT',
  reference: 'HMRC-CI-0042',
  checkedOn: '2026-11-04',
};
const fields = (check: PartnerCheck, today = '2026-11-30') => partnerCheckErrors(check, today).map((e) => e.field);

describe('partnerCheckErrors', () => {
  it('accepts a hit with its reference and a no-hit without one', () => {
    expect(fields(CHECK)).toEqual([]);
    expect(fields({ ...CHECK, result: 'NO_HIT', reference: undefined })).toEqual([]);
  });

  it('wants the reference of a hit', () => {
    expect(fields({ ...CHECK, reference: undefined })).toEqual(['reference']);
    expect(fields({ ...CHECK, reference: '  ' })).toEqual(['reference']);
  });

  it('refuses an answer before the request and dates in the future', () => {
    expect(fields({ ...CHECK, checkedOn: '2026-11-01' })).toEqual(['checkedOn']);
    expect(fields(CHECK, '2026-11-03')).toEqual(['checkedOn']);
    expect(fields(CHECK, '2026-11-01')).toEqual(['requestedOn', 'checkedOn']);
  });
});
