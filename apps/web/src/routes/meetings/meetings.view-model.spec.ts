import { pagination } from './meetings.view-model';

describe('pagination', () => {
  it('offers previous and next pages within the list, and nothing for a single page', () => {
    expect(pagination({ page: 1, pageSize: 50, total: 50 }, '/meetings')).toBeUndefined();
    expect(pagination({ page: 1, pageSize: 50, total: 51 }, '/meetings')).toEqual({
      next: { href: '/meetings?page=2' },
    });
    expect(pagination({ page: 2, pageSize: 50, total: 151 }, '/meetings')).toEqual({
      previous: { href: '/meetings?page=1' },
      next: { href: '/meetings?page=3' },
    });
    expect(pagination({ page: 4, pageSize: 50, total: 151 }, '/meetings')).toEqual({
      previous: { href: '/meetings?page=3' },
    });
  });
});
