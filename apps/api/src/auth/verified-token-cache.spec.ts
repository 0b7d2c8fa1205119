import { VerifiedTokenCache } from './verified-token-cache';

describe('VerifiedTokenCache', () => {
  let now: number;
  const clock = () => now;
  const expiringIn = (seconds: number) => ({ sub: 'dc-1', exp: Math.floor(now / 1000) + seconds });

  beforeEach(() => {
    now = 1_800_000_000_000;
  });

  it('answers a verified token by its exact text only', () => {
    const cache = new VerifiedTokenCache(clock, 60_000, 10);
    const payload = expiringIn(3600);
    cache.set('a.b.c', payload);
    expect(cache.get('a.b.c')).toBe(payload);
    expect(cache.get('a.b.d')).toBeUndefined();
    expect(cache.get('a.b.c ')).toBeUndefined();
  });

  it('stops answering at the TTL, so the signature is checked again', () => {
    const cache = new VerifiedTokenCache(clock, 60_000, 10);
    cache.set('a.b.c', expiringIn(3600));
    now += 59_999;
    expect(cache.get('a.b.c')).toBeDefined();
    now += 1;
    expect(cache.get('a.b.c')).toBeUndefined();
  });

  it('never answers for a token past its expiry, however recently verified', () => {
    const cache = new VerifiedTokenCache(clock, 60_000, 10);
    cache.set('a.b.c', expiringIn(5));
    now += 4_999;
    expect(cache.get('a.b.c')).toBeDefined();
    now += 1;
    expect(cache.get('a.b.c')).toBeUndefined();
  });

  it('keeps nothing for a token without a future expiry', () => {
    const cache = new VerifiedTokenCache(clock, 60_000, 10);
    cache.set('no.exp.here', { sub: 'dc-1' });
    cache.set('already.expired.token', expiringIn(0));
    expect(cache.get('no.exp.here')).toBeUndefined();
    expect(cache.get('already.expired.token')).toBeUndefined();
  });

  it('holds at most its capacity, dropping the longest-kept first', () => {
    const cache = new VerifiedTokenCache(clock, 60_000, 2);
    cache.set('t.o.1', expiringIn(3600));
    cache.set('t.o.2', expiringIn(3600));
    cache.set('t.o.1', expiringIn(3600)); // verified again: now the newest
    cache.set('t.o.3', expiringIn(3600));
    expect(cache.get('t.o.2')).toBeUndefined();
    expect(cache.get('t.o.1')).toBeDefined();
    expect(cache.get('t.o.3')).toBeDefined();
  });
});
