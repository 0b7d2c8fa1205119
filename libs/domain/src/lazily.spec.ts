import { lazily } from './lazily';

describe('lazily', () => {
  it('makes the value on first use only, then returns the same one', () => {
    const make = jest.fn(() => ({ made: true }));
    const value = lazily(make);
    expect(make).not.toHaveBeenCalled();
    const first = value();
    expect(value()).toBe(first);
    expect(make).toHaveBeenCalledTimes(1);
  });

  it('keeps a value that is undefined without making it again', () => {
    const make = jest.fn((): undefined => undefined);
    const value = lazily(make);
    expect([value(), value()]).toEqual([undefined, undefined]);
    expect(make).toHaveBeenCalledTimes(1);
  });
});
