/** A page number from the query string: a positive whole number, otherwise the first page. */
export function pageNumber(value: unknown): number {
  return typeof value === 'string' && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : 1;
}

/** The params of GOV.UK's pagination macro for a list page. */
export interface PaginationView {
  previous?: { href: string };
  next?: { href: string };
  items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[];
}

/**
 * Pages around the current one, the first and the last, with ellipses between (GOV.UK pagination);
 * undefined when everything fits on one page.
 */
export function pagination(
  page: number,
  pageSize: number,
  total: number,
  hrefFor: (page: number) => string,
): PaginationView | undefined {
  const last = Math.max(1, Math.ceil(total / pageSize));
  if (last === 1) return undefined;
  const shown = [...new Set([1, page - 1, page, page + 1, last])]
    .filter((n) => n >= 1 && n <= last)
    .sort((a, b) => a - b);
  const items: PaginationView['items'] = [];
  shown.forEach((number, index) => {
    if (index > 0 && number - shown[index - 1] > 1) items.push({ ellipsis: true });
    items.push({ number, href: hrefFor(number), current: number === page });
  });
  return {
    previous: page > 1 ? { href: hrefFor(page - 1) } : undefined,
    next: page < last ? { href: hrefFor(page + 1) } : undefined,
    items,
  };
}
