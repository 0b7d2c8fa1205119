import { pagination } from './pagination';

const href = (page: number): string => `/list?page=${page}`;

describe('pagination', () => {
  it('is not shown when everything fits on one page', () => {
    expect(pagination(1, 20, 20, href)).toBeUndefined();
  });

  it('shows the first, last and neighbouring pages with ellipses between', () => {
    const view = pagination(5, 10, 100, href);
    expect(view?.items).toEqual([
      { number: 1, href: href(1), current: false },
      { ellipsis: true },
      { number: 4, href: href(4), current: false },
      { number: 5, href: href(5), current: true },
      { number: 6, href: href(6), current: false },
      { ellipsis: true },
      { number: 10, href: href(10), current: false },
    ]);
    expect(view?.previous).toEqual({ href: href(4) });
    expect(view?.next).toEqual({ href: href(6) });
  });

  it('has no previous link on the first page and no next link on the last', () => {
    expect(pagination(1, 10, 30, href)?.previous).toBeUndefined();
    expect(pagination(3, 10, 30, href)?.next).toBeUndefined();
  });
});
