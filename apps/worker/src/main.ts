import './tracing';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@rocu/config';
import { exitAfterGraceOnSigterm } from '@rocu/observability';
import { WorkerModule } from './worker.module';

/** The Temporal worker process: a Nest application context (no HTTP) that runs until SIGTERM. */
async function bootstrap(): Promise<void> {
  const config = loadConfig(process.env); // fail fast with every bad variable named
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM drains: the worker stops polling and lets running activities finish within SHUTDOWN_GRACE_MS
  // (then cancels them, to be retried elsewhere); a few seconds more bound the rest of the shutdown.
  app.enableShutdownHooks();
  exitAfterGraceOnSigterm(config.SHUTDOWN_GRACE_MS + 5_000);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
