import { randomUUID } from 'node:crypto';
import { HeldTokens, webSessions } from '@rocu/persistence/web-sessions';
import { useScratchDatabase } from './support/scratch-database';

/** The web app's session rows (web_session) as a renewal shared between instances claims and stores them. */
describe("a session's API token renewal, shared through its row", () => {
  const { pool } = useScratchDatabase('web_session_renewal');
  const held: HeldTokens = { apiToken: 'api-1', refreshToken: 'refresh-1' };
  const signedIn = {
    user: { sub: 'sam', org: 'WYP' },
    cookie: { path: '/' },
    apiToken: 'api-1',
    idToken: 'id-1',
    refreshToken: 'refresh-1',
    apiTokenRefreshAt: 1_000,
    apiTokenExpiresAt: 2_000,
  };

  async function session(sess: object = signedIn): Promise<string> {
    const sid = randomUUID();
    await pool.query(`INSERT INTO web_session (sid, sess, expire) VALUES ($1, $2, now() + interval '1 hour')`, [
      sid,
      JSON.stringify(sess),
    ]);
    return sid;
  }

  const stored = async (sid: string) =>
    (await pool.query<{ sess: Record<string, unknown> }>(`SELECT sess FROM web_session WHERE sid = $1`, [sid])).rows[0]
      ?.sess;

  it('lets one request claim it at a time, and another once the claim has lapsed', async () => {
    const sid = await session();
    const claims = await Promise.all([1, 2, 3].map(() => webSessions.claimRenewal(pool, sid, held, 60_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await webSessions.renewalState(pool, sid)).toMatchObject({ claimed: true });
    await pool.query(`UPDATE web_session SET renewal_claimed_until = now() - interval '1 ms' WHERE sid = $1`, [sid]);
    expect(await webSessions.renewalState(pool, sid)).toMatchObject({ claimed: false });
    expect(await webSessions.claimRenewal(pool, sid, held, 60_000)).toBe(true);
    await webSessions.releaseRenewal(pool, sid);
    expect(await webSessions.renewalState(pool, sid)).toMatchObject({ claimed: false });
  });

  it('stores the renewed tokens over the held ones, once: a request holding the old ones can then claim nothing', async () => {
    const sid = await session();
    expect(await webSessions.claimRenewal(pool, sid, held, 60_000)).toBe(true);
    const renewed = {
      apiToken: 'api-2',
      refreshToken: 'refresh-2',
      apiTokenRefreshAt: 3_000,
      apiTokenExpiresAt: 4_000,
    };
    expect(await webSessions.storeRenewal(pool, sid, held, renewed)).toBe(true);
    expect(await stored(sid)).toEqual({ ...signedIn, ...renewed });
    expect(await webSessions.renewalState(pool, sid)).toEqual({
      tokens: { ...renewed, idToken: 'id-1' },
      claimed: false,
    });

    expect(await webSessions.claimRenewal(pool, sid, held, 60_000)).toBe(false);
    expect(await webSessions.storeRenewal(pool, sid, held, { apiToken: 'api-3' })).toBe(false);
    expect(await stored(sid)).toEqual({ ...signedIn, ...renewed });
  });

  it('forgets a refused refresh token, keeping the API token and the rest of the session', async () => {
    const sid = await session();
    expect(await webSessions.storeRenewal(pool, sid, held, {})).toBe(true);
    const kept = { user: signedIn.user, cookie: signedIn.cookie, apiToken: 'api-1', idToken: 'id-1' };
    expect(await stored(sid)).toEqual(kept);
  });

  it('ends a session answering the refresh token it held then, a renewal stored meanwhile included', async () => {
    const sid = await session();
    await webSessions.storeRenewal(pool, sid, held, { apiToken: 'api-2', refreshToken: 'refresh-2' });
    expect(await webSessions.endSession(pool, sid)).toBe('refresh-2');
    expect(await webSessions.renewalState(pool, sid)).toBeUndefined();
    expect(await webSessions.endSession(pool, sid)).toBeUndefined();

    const dev = await session({ user: signedIn.user, apiToken: 'dev-token' });
    expect(await webSessions.endSession(pool, dev)).toBeUndefined();
    expect(await webSessions.renewalState(pool, dev)).toBeUndefined();
  });

  it('has nothing to claim, store or read once the session has ended', async () => {
    const sid = await session();
    await pool.query(`DELETE FROM web_session WHERE sid = $1`, [sid]);
    expect(await webSessions.claimRenewal(pool, sid, held, 60_000)).toBe(false);
    expect(await webSessions.storeRenewal(pool, sid, held, { apiToken: 'api-2' })).toBe(false);
    expect(await webSessions.renewalState(pool, sid)).toBeUndefined();
  });

  describe('a save by a request that read the session before its token was renewed', () => {
    const later = new Date(Date.now() + 3_600_000);
    const staleSave = { ...signedIn, notice: 'Your answer has been sent' };

    it('keeps the renewed tokens, and takes the rest of what it saves', async () => {
      const sid = await session();
      const renewed = {
        apiToken: 'api-2',
        refreshToken: 'refresh-2',
        apiTokenRefreshAt: 3_000,
        apiTokenExpiresAt: 4_000,
      };
      await webSessions.storeRenewal(pool, sid, held, renewed);
      await webSessions.updateStored(pool, sid, staleSave, later);
      expect(await stored(sid)).toEqual({ ...staleSave, ...renewed });
    });

    it('keeps a forgotten refresh token forgotten, and a token renewed with no expiry', async () => {
      const refused = await session();
      await webSessions.storeRenewal(pool, refused, held, {});
      await webSessions.updateStored(pool, refused, staleSave, later);
      const withoutRenewal = (apiToken: string) => ({
        user: signedIn.user,
        cookie: signedIn.cookie,
        apiToken,
        idToken: 'id-1',
        notice: staleSave.notice,
      });
      expect(await stored(refused)).toEqual(withoutRenewal('api-1'));

      const noExpiry = await session();
      await webSessions.storeRenewal(pool, noExpiry, held, { apiToken: 'api-2' });
      await webSessions.updateStored(pool, noExpiry, staleSave, later);
      expect(await stored(noExpiry)).toEqual(withoutRenewal('api-2'));
    });

    it('writes what it saves when it holds the latest tokens, or none to renew', async () => {
      const current = await session();
      const renewedHere = { ...staleSave, apiToken: 'api-2', refreshToken: 'refresh-2', apiTokenRefreshAt: 3_000 };
      await webSessions.updateStored(pool, current, renewedHere, later);
      expect(await stored(current)).toEqual(renewedHere);

      const dev = { user: signedIn.user, cookie: signedIn.cookie, apiToken: 'dev-token' };
      const devSession = await session(dev);
      await webSessions.updateStored(pool, devSession, { ...dev, notice: 'Saved' }, later);
      expect(await stored(devSession)).toEqual({ ...dev, notice: 'Saved' });
    });
  });
});
