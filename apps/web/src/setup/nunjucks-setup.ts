import type { NestExpressApplication } from '@nestjs/platform-express';
import nunjucks from 'nunjucks';
import type { SessionTimeout } from '../auth/session-timeout';
import { GOVUK_FRONTEND_DIST, MOJ_FRONTEND_ROOT, VIEWS_ROOT } from '../web-paths';
import { NUNJUCKS_FILTERS } from './nunjucks-filters';

export const SERVICE_NAME = 'ROCU Gateway';

/**
 * Nunjucks for Express: views are found beside their controllers (`routes/<journey>/<page>.njk`), GOV.UK
 * Frontend macros as `govuk/components/...` and MoJ Frontend macros as `moj/components/...`. Templates are
 * compiled once and cached: they only change with a new build, and compiling the GOV.UK macros on every
 * request cost about half a second a page (bench web path). Signed-in pages carry the session's timeout warning.
 */
export function configureNunjucks(app: NestExpressApplication, timeout: SessionTimeout): nunjucks.Environment {
  const env = nunjucks.configure([VIEWS_ROOT, GOVUK_FRONTEND_DIST, MOJ_FRONTEND_ROOT], {
    autoescape: true,
    throwOnUndefined: false,
    express: app.getHttpAdapter().getInstance(),
  });
  for (const [name, filter] of Object.entries(NUNJUCKS_FILTERS)) env.addFilter(name, filter);
  env.addGlobal('serviceName', SERVICE_NAME);
  env.addGlobal('sessionTimeout', timeout);
  app.setViewEngine('njk');
  app.setBaseViewsDir(VIEWS_ROOT);
  return env;
}
