import { addAnother } from './add-another';

describe('add-another without JavaScript', () => {
  const empty = () => '';

  it('adds an empty row, or removes the row named, and shows the page again', () => {
    expect(addAnother(['a', 'b'], 'add', empty)).toEqual({ list: ['a', 'b', ''], again: true });
    expect(addAnother(['a', 'b', 'c'], 'remove-1', empty)).toEqual({ list: ['a', 'c'], again: true });
  });

  it('leaves the rows as they are for any other action, including a remove of no row', () => {
    expect(addAnother(['a'], 'save', empty)).toEqual({ list: ['a'], again: false });
    expect(addAnother(['a'], 'remove-x', empty)).toEqual({ list: ['a'], again: false });
    expect(addAnother(['a'], 'remove-5', empty)).toEqual({ list: ['a'], again: true });
  });
});
