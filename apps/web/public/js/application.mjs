// Progressive enhancement only: every page works without this script.
import { initAll as initGovukFrontend } from '/assets/govuk/govuk-frontend.min.js';
import { initAll as initMojFrontend } from '/assets/moj/moj-frontend.min.js';
import './score-preview.mjs';
import './session-timeout.mjs';

initGovukFrontend();
initMojFrontend();
