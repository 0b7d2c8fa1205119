import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { isMainThread, parentPort, threadId } from 'node:worker_threads';

/**
 * Preloaded (NODE_OPTIONS=--require) into the API, the worker or the web app when BENCH_CPU_PROF is set: profiles
 * each thread from start-up and writes a .cpuprofile when it ends (`--cpu-prof` is not allowed in NODE_OPTIONS).
 * Preloads also run in worker threads, so the Temporal worker's workflow thread, where workflow code runs, gets a
 * profile of its own (`<file>.thread-<id>`). A same-thread inspector session answers synchronously, so writing in
 * an 'exit' handler works.
 */

/** The Temporal SDK asks its workflow thread to destroy itself, then terminates it (no 'exit' event in the thread). */
const isDestroyRequest = (request: unknown): boolean =>
  (request as { input?: { type?: unknown } } | null)?.input?.type === 'destroy';

const file = process.env.BENCH_CPU_PROF_FILE;
if (file) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  const target = isMainThread ? file : `${file}.thread-${threadId}`;
  const write = (): void => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(target, JSON.stringify(result.profile));
    });
  };
  if (isMainThread) {
    // Nest re-raises SIGTERM after closing, so the process may die by the signal with no 'exit' event:
    // write on the first SIGTERM (once, so the re-raised one still ends the process) or on exit.
    process.once('SIGTERM', write);
    process.once('exit', () => {
      if (process.listeners('SIGTERM').includes(write)) write();
    });
  } else {
    process.once('exit', write);
    // Listen only once the thread's own code listens for messages, so a thread that would end is not kept alive.
    setImmediate(() => {
      if (!parentPort || parentPort.listenerCount('message') === 0) return;
      parentPort.on('message', (request: unknown) => {
        if (isDestroyRequest(request)) write();
      });
    });
  }
}
