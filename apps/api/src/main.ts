import './tracing';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { useContainer } from 'class-validator';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig, ConfigError, loadConfig, trustProxySetting } from '@rocu/config';
import { exitAfterGraceOnSigterm } from '@rocu/observability';
import { API_PREFIX } from './api-prefix';
import { AppModule } from './app.module';
import { KnownCodeConstraint } from './common/known-code.validator';
import { RequestValidationPipe } from './common/request-validation';
import { applyRequestTimeouts, noStore, refuseDeclaredOversizeBody } from './common/transport-limits';
import { labelUnreadableBody } from './common/unreadable-body';
import { recordHttpMetrics } from './observability/http-metrics';
import { correlateTrace } from './observability/trace-correlation';
import { setUpOpenApi } from './open-api';

async function bootstrap(): Promise<void> {
  loadConfig(process.env); // fail fast with every bad variable named, before any connection is tried
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false });
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.use(recordHttpMetrics);
  app.use(helmet());
  app.use(noStore);
  app.use(refuseDeclaredOversizeBody(config.BODY_LIMIT));
  app.useBodyParser('json', { limit: config.BODY_LIMIT, strict: false });
  app.use(labelUnreadableBody);
  app.use(correlateTrace);
  app.disable('x-powered-by');
  // req.ip (the address rate limits count against) believes X-Forwarded-For only from these proxies.
  app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  applyRequestTimeouts(app.getHttpServer(), config);
  app.setGlobalPrefix(API_PREFIX);
  // Nest supplies only the validator that needs injection (codes checked against reference data); asking
  // Nest for every built-in constraint would throw and catch an exception per field per request.
  const nest = app.select(AppModule);
  useContainer(
    {
      get: (type: unknown) =>
        type === KnownCodeConstraint ? nest.get<KnownCodeConstraint>(KnownCodeConstraint) : undefined,
    },
    { fallback: true },
  );
  app.useGlobalPipes(new RequestValidationPipe());
  // SIGTERM: Nest stops accepting connections, lets in-flight requests finish, then closes Temporal and the
  // database; a request still running after the grace period does not hold the process up any longer.
  app.enableShutdownHooks();
  exitAfterGraceOnSigterm(config.SHUTDOWN_GRACE_MS);
  setUpOpenApi(app);
  await app.listen(config.PORT, '0.0.0.0');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
