import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

/**
 * Preloaded (NODE_OPTIONS=--require) into the API or worker when BENCH_CPU_PROF is set: profiles the
 * main thread from start-up and writes a .cpuprofile when stopped (`--cpu-prof` is not allowed in NODE_OPTIONS).
 * A same-thread inspector session answers synchronously, so writing in the 'exit' handler works.
 */
const file = process.env.BENCH_CPU_PROF_FILE;
if (file) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  const write = (): void => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(file, JSON.stringify(result.profile));
    });
  };
  // Nest re-raises SIGTERM after closing, so the process may die by the signal with no 'exit' event:
  // write on the first SIGTERM (once, so the re-raised one still ends the process) or on exit.
  process.once('SIGTERM', write);
  process.once('exit', () => {
    if (process.listeners('SIGTERM').includes(write)) write();
  });
}
