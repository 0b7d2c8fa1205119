import { dirname, join } from 'node:path';

/** Where the compiled app finds its Nunjucks views (copied beside the compiled code by the build). */
export const VIEWS_ROOT = __dirname;

/** The web app's own static files (copied to dist/apps/web/public by the build). */
export const PUBLIC_DIR = join(__dirname, '..', 'public');

/** GOV.UK Frontend's dist folder: `govuk/...` macros, compiled CSS and JS, fonts and images. */
export const GOVUK_FRONTEND_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/** MoJ Frontend's package folder: `moj/...` macros, compiled CSS and JS, images. */
export const MOJ_FRONTEND_ROOT = dirname(require.resolve('@ministryofjustice/frontend/package.json'));
