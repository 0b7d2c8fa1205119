import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dynamicConfigArgs, dynamicConfigFile, TEMPORAL_DYNAMIC_CONFIG } from './temporal-dynamic-config';

const ROOT = join(__dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('Temporal dynamic config', () => {
  it('is what docker-compose mounts for its Temporal, value for value', () => {
    const compose = read('docker-compose.yml');
    const mounted = /- \.\/deploy\/temporal\/dynamicconfig\.yaml:(\S+):ro/.exec(compose)?.[1];
    expect(mounted).toBe('/etc/temporal/config/dynamicconfig/rocu.yaml');
    expect(compose).toContain(`DYNAMIC_CONFIG_FILE_PATH: ${mounted}`);

    const file = read('deploy/temporal/dynamicconfig.yaml');
    const values = [...file.matchAll(/^([\w.]+):\n\s+- value: (\d+)\n\s+constraints: \{\}$/gm)];
    expect(Object.fromEntries(values.map(([, key, value]) => [key, Number(value)]))).toEqual(TEMPORAL_DYNAMIC_CONFIG);
    expect(file.match(/^[^\s#][^:]*:/gm)).toHaveLength(values.length); // no key the pattern above passed over
  });

  it("raises the transfer queue's poll rate above Temporal's default of 20 a shard", () => {
    expect(TEMPORAL_DYNAMIC_CONFIG['history.transferProcessorMaxPollRPS']).toBeGreaterThan(20);
  });

  it('is given to the dev server as one --dynamic-config-value per key, in JSON', () => {
    expect(dynamicConfigArgs()).toEqual([
      '--dynamic-config-value',
      'history.transferProcessorMaxPollRPS=1000',
      '--dynamic-config-value',
      'limit.maxIDLength=255',
    ]);
  });

  it('is written for the cluster as every namespace value of each key', () => {
    expect(dynamicConfigFile()).toEqual({
      'history.transferProcessorMaxPollRPS': [{ value: 1000, constraints: {} }],
      'limit.maxIDLength': [{ value: 255, constraints: {} }],
    });
  });
});
