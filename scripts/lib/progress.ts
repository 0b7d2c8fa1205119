/** Where progress goes: process.stdout or process.stderr (or anything shaped like them). */
export interface ProgressStream {
  isTTY?: boolean;
  write(chunk: string): unknown;
}

export interface ProgressLine {
  /** Shows the current state: redrawn in place on a terminal; elsewhere written as a line only at a milestone. */
  show(text: string, milestone: boolean): void;
  /** Shows the final state and ends the line. */
  end(text: string): void;
}

/**
 * One line of progress. On a terminal it is redrawn in place with a carriage return; when the output is
 * not a terminal (a log file, CI), where carriage returns pile every update onto one line, each
 * milestone and the final state are written as plain lines instead.
 */
export function progressLine(stream: ProgressStream): ProgressLine {
  const tty = stream.isTTY === true;
  return {
    show(text, milestone) {
      if (tty) stream.write(`\r${text}\x1b[K`);
      else if (milestone) stream.write(`${text}\n`);
    },
    end(text) {
      stream.write(tty ? `\r${text}\x1b[K\n` : `${text}\n`);
    },
  };
}
