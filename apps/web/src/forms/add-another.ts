/**
 * Add-another without JavaScript: "add" appends an empty row, "remove-N" drops row N, and either shows the page
 * again (`again`); any other action (continue, save) leaves the rows as they are.
 */
export function addAnother<T>(list: readonly T[], action: string, empty: () => T): { list: T[]; again: boolean } {
  if (action === 'add') return { list: [...list, empty()], again: true };
  const remove = /^remove-(\d+)$/.exec(action);
  if (remove) return { list: list.filter((_, index) => index !== Number(remove[1])), again: true };
  return { list: [...list], again: false };
}
