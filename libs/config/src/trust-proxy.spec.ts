import { loadConfig } from './app-config';
import { trustProxySetting } from './trust-proxy';

const withTrustProxy = (value: string) => () => loadConfig({ DATABASE_URL: 'postgres://x', TRUST_PROXY: value });

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default', () => {
    expect(trustProxySetting(loadConfig({ DATABASE_URL: 'postgres://x' }).TRUST_PROXY)).toBe(false);
  });

  it('takes a number of hops or a list of addresses, ranges and named ranges', () => {
    expect(trustProxySetting('2')).toBe(2);
    expect(trustProxySetting('loopback, 10.0.0.0/8,2001:db8::1')).toEqual(['loopback', '10.0.0.0/8', '2001:db8::1']);
    expect(withTrustProxy('loopback,10.0.0.0/8,2001:db8::/32')).not.toThrow();
  });

  it('refuses anything else at start-up, naming the variable', () => {
    for (const bad of ['everyone', '10.0.0.0/33', '300.1.1.1', 'true', 'loopback;rm']) {
      expect(withTrustProxy(bad)).toThrow(/TRUST_PROXY/);
    }
  });
});
