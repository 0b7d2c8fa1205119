import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@rocu/config';
import { installTemporalLogging } from './temporal-logging';
import { WorkerModule } from './worker.module';

/** The Temporal worker process: a Nest application context (no HTTP) that runs until SIGTERM. */
async function bootstrap(): Promise<void> {
  installTemporalLogging(loadConfig(process.env).LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
