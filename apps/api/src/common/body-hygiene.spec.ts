import { hygieneErrors } from './body-hygiene';

describe('hygieneErrors', () => {
  it('accepts ordinary JSON', () => {
    expect(hygieneErrors({ a: 'text é 😀', b: [1, { c: null }] })).toEqual([]);
  });

  it('refuses prototype keys wherever they are', () => {
    const body = JSON.parse('{"subject":{"__proto__":{"polluted":true}},"constructor":{"prototype":{}}}') as unknown;
    expect(
      hygieneErrors(body)
        .map((error) => [error.field, error.code])
        .sort(),
    ).toEqual([
      ['constructor', 'unknown_field'],
      ['subject.__proto__', 'unknown_field'],
    ]);
  });

  it('refuses text Postgres cannot store', () => {
    expect(hygieneErrors({ reason: 'a\u0000b' })).toEqual([
      { field: 'reason', code: 'invalid_characters', message: 'contains a NUL or an unpaired surrogate' },
    ]);
    expect(hygieneErrors({ list: ['ok', '\ud800'] })[0]).toMatchObject({
      field: 'list[1]',
      code: 'invalid_characters',
    });
  });

  it('refuses deep nesting without recursing', () => {
    let deep: unknown = [];
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(hygieneErrors({ reason: deep })).toEqual([expect.objectContaining({ code: 'too_deep' })]);
  });
});
