import { spawn } from 'node:child_process';
import { Connection } from '@temporalio/client';

type ServingStatus = NonNullable<Awaited<ReturnType<Connection['healthService']['check']>>['status']>;
/** grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING */
const SERVING = 1 as ServingStatus;

/** Waits until the frontend at `address` answers its gRPC health check with SERVING. */
export async function waitUntilServing(address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        const { status } = await connection.healthService.check({});
        if (status === SERVING) return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
    }
    await new Promise((wake) => setTimeout(wake, 250));
  }
  throw new Error(`Temporal server at ${address} not ready after ${timeoutMs} ms: ${String(lastError)}`);
}

/** A Temporal server process (the dev server or a server node) that is serving. */
export interface TemporalProcess {
  /** Stops it politely (SIGTERM, then SIGKILL after 10 s). */
  stop(): Promise<void>;
  /** Kills it outright, as a crash or a lost machine would. */
  kill(): Promise<void>;
}

/**
 * Starts a Temporal server binary and waits for its frontend ourselves (the SDK's helper allows only 5 s,
 * too little on two busy cores); fails with the tail of its output if it exits during start-up.
 */
export async function startTemporalProcess(
  binary: string,
  args: string[],
  address: string,
  timeoutMs = 90_000,
): Promise<TemporalProcess> {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
  try {
    await Promise.race([
      waitUntilServing(address, timeoutMs),
      exited.then(() => {
        throw new Error(`Temporal server exited during start-up: ${output}`);
      }),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}
