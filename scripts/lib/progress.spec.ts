import { progressLine, ProgressStream } from './progress';

/** A stream that keeps what is written to it. */
const recorder = (isTTY: boolean): ProgressStream & { written: string } => {
  const stream = {
    isTTY,
    written: '',
    write(chunk: string) {
      stream.written += chunk;
      return true;
    },
  };
  return stream;
};

describe('progressLine', () => {
  it('redraws one line in place on a terminal and ends it with a newline', () => {
    const stream = recorder(true);
    const line = progressLine(stream);
    line.show('compiled 1 packages', false);
    line.show('compiled 2 packages', true);
    line.end('compiled 3 packages');
    expect(stream.written).toBe('\rcompiled 1 packages\x1b[K\rcompiled 2 packages\x1b[K\rcompiled 3 packages\x1b[K\n');
  });

  it('writes plain lines, without carriage returns, at milestones and at the end when not a terminal', () => {
    const stream = recorder(false);
    const line = progressLine(stream);
    line.show('compiled 1 packages', false);
    line.show('compiled 100 packages', true);
    line.show('compiled 101 packages', false);
    line.end('compiled 120 packages');
    expect(stream.written).toBe('compiled 100 packages\ncompiled 120 packages\n');
    expect(stream.written).not.toContain('\r');
  });

  it('treats a stream without isTTY as not a terminal', () => {
    const stream = { written: '', write: (chunk: string) => (stream.written += chunk) };
    progressLine(stream).end('done');
    expect(stream.written).toBe('done\n');
  });
});
