import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { load, YAML11_SCHEMA } from 'js-yaml';
import { AppConfig } from './app-config';
import { WebConfig } from './web-config';

/** Every setting a config class validates, optional ones included (they have no default to list them by). */
const settingsOf = (type: new () => object): string[] => [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(type, '', true, false)
      .map((m) => m.propertyName),
  ),
];

// Compose reads YAML 1.1, whose merge key (`<<`) fills each service from x-app-environment.
interface Compose {
  services: Record<string, { environment?: Record<string, unknown> }>;
}
const compose = load(readFileSync(join(__dirname, '../../../docker-compose.yml'), 'utf8'), {
  schema: YAML11_SCHEMA,
}) as Compose;
const environmentOf = (service: string): string[] => Object.keys(compose.services[service].environment ?? {});

/** Settings the worker is not given, nor any service the shell's value, and why. */
const NOT_PASSED: Record<string, string> = {
  PORT: "the API's is fixed at 3000; the worker serves no HTTP API",
  WORKFLOW_BUNDLE_PATH: 'set by the image (Dockerfile), which bundles the workflows at build time',
  MEETING_INTERVAL_MS: 'replaces the calendar cadence, for drills and tests only',
  DEV_MAILBOX_DIR: 'the dev sign-in mailbox, refused outside development',
};

describe('docker-compose environment', () => {
  it.each([
    ['api', AppConfig],
    ['worker', AppConfig],
    ['web', WebConfig],
  ])('passes every setting the %s reads to it, and none it does not read', (service, type) => {
    const settings = settingsOf(type);
    const passed = environmentOf(service);
    expect(settings.filter((name) => !passed.includes(name) && !(name in NOT_PASSED))).toEqual([]);
    expect(passed.filter((name) => !settings.includes(name))).toEqual([]);
  });

  it.each(['api', 'worker', 'web'])(
    "gives the %s each setting from the shell's variable of the same name",
    (service) => {
      // The exceptions: a name the two services' settings share, or one setting made from another's value.
      const renamed: Record<string, string> = {
        TRUST_PROXY: service === 'web' ? 'WEB_TRUST_PROXY' : 'API_TRUST_PROXY',
        NOTIFY_LINK_BASE_URL: 'WEB_BASE_URL',
      };
      // Values made of several variables (DATABASE_URL) are left out.
      const misnamed = Object.entries(compose.services[service].environment ?? {}).filter(([name, value]) => {
        const variables = [...String(value).matchAll(/\$\{(\w+)/g)].map(([, variable]) => variable);
        return variables.length === 1 && variables[0] !== (renamed[name] ?? name);
      });
      expect(misnamed).toEqual([]);
    },
  );

  it('reads the settings it lists as not passed, so the list names no stale ones', () => {
    const read = [...settingsOf(AppConfig), ...settingsOf(WebConfig)];
    expect(Object.keys(NOT_PASSED).filter((name) => !read.includes(name))).toEqual([]);
  });
});
