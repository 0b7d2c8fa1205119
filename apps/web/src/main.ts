import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { join } from 'node:path';
import pino from 'pino';
import { ConfigError, loadWebConfig, WebConfig } from '@rocu/config';
import { errorSerializers } from '@rocu/observability';
import { WebModule } from './web.module';
import { keepApiTokenFresh } from './auth/api-token-renewal';
import { sharedRenewals } from './auth/shared-renewal';
import { OidcSignInService } from './auth/oidc-sign-in.service';
import { sessionTimeout } from './auth/session-timeout';
import { configureNunjucks } from './setup/nunjucks-setup';
import { pageLocals } from './setup/page-locals';
import { PinoNestLogger, requestLogging } from './setup/request-logging';
import { cspNonce, noStore, securityHeaders } from './setup/security';
import { useSessions } from './setup/sessions';
import { WebDatabase } from './setup/web-database';
import { GOVUK_FRONTEND_DIST, MOJ_FRONTEND_ROOT, PUBLIC_DIR } from './web-paths';

const STATIC_OPTIONS = { index: false, fallthrough: true, maxAge: '1h' };

async function bootstrap(): Promise<void> {
  // Fail fast with every bad variable named.
  const logger = pino({ level: loadWebConfig(process.env).LOG_LEVEL, serializers: errorSerializers });
  const app = await NestFactory.create<NestExpressApplication>(WebModule, { bufferLogs: true, bodyParser: false });
  const config = app.get(WebConfig);
  app.useLogger(new PinoNestLogger(logger));
  app.disable('x-powered-by');
  app.use(requestLogging(logger));
  app.use(cspNonce);
  const provider = app.get(OidcSignInService);
  app.use(securityHeaders(() => provider.formTargets()));

  // Static files first: they need no session (and so never extend one).
  app.use('/assets/govuk', express.static(join(GOVUK_FRONTEND_DIST, 'govuk'), STATIC_OPTIONS));
  app.use('/assets/moj', express.static(join(MOJ_FRONTEND_ROOT, 'moj'), STATIC_OPTIONS));
  app.use('/assets/app', express.static(PUBLIC_DIR, STATIC_OPTIONS));
  app.use('/assets', express.static(join(GOVUK_FRONTEND_DIST, 'govuk', 'assets'), STATIC_OPTIONS));
  app.use('/assets', express.static(join(MOJ_FRONTEND_ROOT, 'moj', 'assets'), STATIC_OPTIONS));

  app.use(noStore); // after the static files, which may be cached
  const { pool } = app.get(WebDatabase);
  useSessions(app, config, pool);
  if (config.AUTH_MODE === 'oidc') app.use(keepApiTokenFresh(provider, sharedRenewals(pool)));
  app.use(pageLocals);
  // After the session, so a body too large or unreadable is answered on a page with the person's name and navigation.
  app.useBodyParser('urlencoded', { extended: true, limit: '200kb', parameterLimit: 2000 });
  configureNunjucks(app, sessionTimeout(config.SESSION_IDLE_TIMEOUT_SECONDS));
  app.enableShutdownHooks();
  await app.listen(config.WEB_PORT, '0.0.0.0');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
