import { ChildProcess, spawn } from 'node:child_process';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts a Node entry point as a child process that can be stopped politely (SIGTERM, then SIGKILL). */
export function startNodeProcess(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  stdio: 'inherit' | 'pipe' = 'inherit',
): ManagedProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', entry], { env, stdio: ['ignore', stdio, stdio] });
  const exited = new Promise<number | null>((resolvePromise) => child.once('exit', (code) => resolvePromise(code)));
  return {
    name,
    child,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
