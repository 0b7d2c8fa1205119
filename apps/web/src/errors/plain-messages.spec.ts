import { inPlainWords } from './plain-messages';

describe('inPlainWords', () => {
  it("replaces the API's generic message naming the field, and keeps rule messages and other fields", () => {
    const problem = {
      detail: 'Invalid fields',
      errors: [
        { field: 'requestedOn', code: 'format', message: 'requestedOn must be a date, YYYY-MM-DD' },
        { field: 'checkedOn', code: 'in_future', message: 'The answer date is in the future' },
        { field: 'agency', code: 'required', message: 'agency is required' },
      ],
    };
    expect(inPlainWords(problem, { requestedOn: 'Enter the date', checkedOn: 'Enter the answer date' })).toEqual({
      detail: 'Invalid fields',
      errors: [
        { field: 'requestedOn', code: 'format', message: 'Enter the date' },
        { field: 'checkedOn', code: 'in_future', message: 'The answer date is in the future' },
        { field: 'agency', code: 'required', message: 'agency is required' },
      ],
    });
  });
});

describe('inPlainWords, nested fields', () => {
  it('replaces a message naming the last part of a nested field (class-validator names the property only)', () => {
    const problem = {
      detail: 'Invalid fields',
      errors: [{ field: 'subject.name', code: 'isLength', message: 'name must have visible text' }],
    };
    expect(inPlainWords(problem, { 'subject.name': 'Enter the name' }).errors).toEqual([
      { field: 'subject.name', code: 'isLength', message: 'Enter the name' },
    ]);
  });
});
