import { progressLine } from '../scripts/lib/progress';

const WIDTH = 30;
const TTY_INTERVAL_MS = 200;

export interface Progress {
  /** Sets the number of finished items. */
  update(done: number): void;
  finish(): void;
}

/**
 * A one-line progress bar on stderr, redrawn with \r at most five times a second. When stderr is not a
 * terminal (a log file) it prints a plain line every tenth instead.
 */
export function progressBar(label: string, total: number): Progress {
  const started = Date.now();
  const tty = process.stderr.isTTY === true;
  const out = progressLine(process.stderr);
  let lastDraw = 0;
  let lastTenth = -1;
  let current = 0;
  const line = (): string => {
    const fraction = total > 0 ? Math.min(1, current / total) : 1;
    const filled = Math.round(fraction * WIDTH);
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? current / seconds : 0;
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${current}/${total} ${rate.toFixed(0)}/s ${seconds.toFixed(0)}s`;
  };
  return {
    update(done: number) {
      current = done;
      const now = Date.now();
      if (tty && now - lastDraw < TTY_INTERVAL_MS && done < total) return;
      lastDraw = now;
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
      const milestone = tenth > lastTenth;
      if (milestone) lastTenth = tenth;
      out.show(line(), milestone);
    },
    finish() {
      if (tty || lastTenth < 10) out.end(line());
    },
  };
}
