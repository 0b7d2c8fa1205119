import { fork } from 'node:child_process';
import { join } from 'node:path';
import { progressBar } from '../progress';
import type { LoadJob, LoadMessage, LoadResult } from './load-messages';

/** Runs one job in a fresh load process, drawing its progress; `onStart` gets the child's pid. */
export function runLoad(label: string, job: LoadJob, onStart?: (pid: number) => void): Promise<LoadResult> {
  const child = fork(join(__dirname, 'load-process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  if (child.pid !== undefined) onStart?.(child.pid);
  const bar = progressBar(label, job.count);
  return new Promise((resolvePromise, reject) => {
    let settled = false;
    child.on('message', (message: LoadMessage) => {
      switch (message.type) {
        case 'progress':
          bar.update(message.done);
          break;
        case 'result':
          settled = true;
          bar.update(job.count);
          bar.finish();
          resolvePromise(message.result);
          break;
        case 'failed':
          settled = true;
          bar.finish();
          reject(new Error(`load process failed: ${message.message}`));
          break;
      }
    });
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`load process exited with code ${code} before reporting`));
    });
    child.send(job);
  });
}
