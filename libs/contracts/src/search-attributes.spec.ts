import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_SEARCH_ATTRIBUTE_TYPES, REFERRAL_SEARCH_ATTRIBUTES } from './search-attributes';

describe('referral search attributes', () => {
  it('are the ones docker-compose registers on its Temporal, with the same types', () => {
    const compose = readFileSync(join(__dirname, '../../../docker-compose.yml'), 'utf8');
    const registered = [...compose.matchAll(/- --name=(\w+)\n\s+- --type=(\w+)/g)].map(([, name, type]) => [
      name,
      type,
    ]);
    expect(registered).toEqual(
      REFERRAL_SEARCH_ATTRIBUTES.map((key) => [key.name, CLI_SEARCH_ATTRIBUTE_TYPES[key.type]]),
    );
  });
});
