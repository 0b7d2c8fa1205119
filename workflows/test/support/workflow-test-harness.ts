import { Client, Connection } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { NativeConnection, Worker } from '@temporalio/worker';
import { testEnvironment } from '../../../test/support/test-environment';

export interface WorkflowTestHarness {
  client: Client;
  close(): Promise<void>;
}

/**
 * An in-process worker on the run's real Temporal dev server, with fake activities and its own task queue,
 * plus a client to drive it. The workflows come from the bundle the test runner built once (with the tracing
 * interceptors); the client sends trace headers as the services' clients do, so every run here is traced.
 */
export async function startWorkflowTestHarness(taskQueue: string, activities: object): Promise<WorkflowTestHarness> {
  const env = testEnvironment();
  const nativeConnection = await NativeConnection.connect({ address: env.temporalAddress });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowBundle: { codePath: env.workflowBundlePath },
    activities,
  });
  const workerRun = worker.run();
  const connection = await Connection.connect({ address: env.temporalAddress });
  return {
    client: new Client({ connection, interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } }),
    close: async () => {
      worker.shutdown();
      await workerRun;
      await connection.close();
      await nativeConnection.close();
    },
  };
}
