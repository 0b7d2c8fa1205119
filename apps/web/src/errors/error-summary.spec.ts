import { errorSummary, fieldId } from './error-summary';

describe('fieldId', () => {
  it('turns an API field path into the form field id every form uses', () => {
    expect(fieldId('subject.nominals[0].identifier')).toBe('subject-nominals-0-identifier');
    expect(fieldId('crimeTypes[2]')).toBe('crimeTypes-2');
    expect(fieldId('summary')).toBe('summary');
  });
});

describe('errorSummary', () => {
  it('lists every refused field, each linked to its field, and keys the messages by field id', () => {
    const summary = errorSummary({
      detail: '2 invalid field(s)',
      errors: [
        { field: 'subject.name', code: 'required', message: 'subject.name is required' },
        { field: 'intelligence[0].conditions', code: 'required', message: 'conditions are required' },
      ],
    });
    expect(summary.errorList).toEqual([
      { text: 'subject.name is required', href: '#subject-name' },
      { text: 'conditions are required', href: '#intelligence-0-conditions' },
    ]);
    expect(summary.byField).toEqual({
      'subject-name': { text: 'subject.name is required' },
      'intelligence-0-conditions': { text: 'conditions are required' },
    });
    expect(summary.titleText).toBe('There is a problem');
  });

  it('links a field asked on another page there, with its label', () => {
    const summary = errorSummary(
      { detail: 'bad', errors: [{ field: 'summary', code: 'maxLength', message: 'is too long' }] },
      (field) => (field === 'summary' ? { href: '/referrals/new/summary#summary', label: 'Summary' } : undefined),
    );
    expect(summary.errorList).toEqual([{ text: 'Summary: is too long', href: '/referrals/new/summary#summary' }]);
  });

  it('shows a refusal that names no field (a 409 or 422) as one entry', () => {
    expect(errorSummary({ detail: 'The referral is WITHDRAWN; allowed: none' }).errorList).toEqual([
      { text: 'The referral is WITHDRAWN; allowed: none', href: '#main-content' },
    ]);
  });

  it('keeps the first message for a field refused twice', () => {
    const summary = errorSummary({
      detail: 'bad',
      errors: [
        { field: 'summary', code: 'a', message: 'first' },
        { field: 'summary', code: 'b', message: 'second' },
      ],
    });
    expect(summary.errorList).toHaveLength(2);
    expect(summary.byField.summary).toEqual({ text: 'first' });
  });
});
