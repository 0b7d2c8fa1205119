import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import type { MinimalActivities } from './minimal-contract';

export interface BareWorker {
  taskQueue: string;
  stop(): Promise<void>;
}

const quiet = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** An in-process worker for the minimal workflow on its own task queue (default worker settings). */
export async function startBareWorker(address: string, taskQueue: string): Promise<BareWorker> {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('./minimal.workflow'), logger: quiet });
  const connection = await NativeConnection.connect({ address });
  const activities: MinimalActivities = { noop: async () => undefined };
  const worker = await Worker.create({ connection, taskQueue, workflowBundle: { code }, activities });
  let failure: Error | undefined;
  const running = worker.run().catch((error: unknown) => {
    failure = error instanceof Error ? error : new Error(`worker failed: ${JSON.stringify(error)}`);
  });
  return {
    taskQueue,
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
      if (failure) throw failure;
    },
  };
}
