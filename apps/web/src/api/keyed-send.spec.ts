import { ApiProblemError } from '../errors/api-problem';
import { sendKeyed, withSent } from './keyed-send';

const refusal = (status: number, code?: string) =>
  new ApiProblemError({ status, title: 'Refused', detail: 'refused', ...(code ? { code } : {}) });
const keyReused = () => refusal(422, 'IDEMPOTENCY_KEY_REUSED');

/** An API that made its referral from `made`: that body answers, any other one is a reused key. */
const apiThatMade = (made: unknown) => {
  const sent: unknown[] = [];
  const send = async (body: unknown) => {
    sent.push(body);
    if (JSON.stringify(body) !== JSON.stringify(made)) throw keyReused();
    return { id: 'made' };
  };
  return { send, sent };
};

describe('withSent', () => {
  it('records each body once, as JSON sends it (absent answers left out)', () => {
    const once = withSent(undefined, { summary: 'a', region: undefined });
    expect(once).toEqual([{ summary: 'a' }]);
    expect(withSent(once, { summary: 'a' })).toBe(once);
    expect(withSent(once, { summary: 'b' })).toEqual([{ summary: 'a' }, { summary: 'b' }]);
  });
});

describe('sendKeyed', () => {
  it('sends the body and says it was sent as it is', async () => {
    const api = apiThatMade({ summary: 'b' });
    await expect(sendKeyed(api.send, { summary: 'b' }, [{ summary: 'b' }])).resolves.toEqual({
      answer: { id: 'made' },
      earlier: false,
    });
    expect(api.sent).toEqual([{ summary: 'b' }]);
  });

  it('on a reused key answers with the earlier body that took effect, newest first', async () => {
    const api = apiThatMade({ summary: 'a' });
    const sent = [{ summary: 'a' }, { summary: 'b' }, { summary: 'c' }];
    await expect(sendKeyed(api.send, { summary: 'c' }, sent)).resolves.toEqual({
      answer: { id: 'made' },
      earlier: true,
    });
    expect(api.sent).toEqual([{ summary: 'c' }, { summary: 'b' }, { summary: 'a' }]);
  });

  it('looks past an earlier body refused on its merits (it made nothing) to the one that took effect', async () => {
    const sent: unknown[] = [];
    const send = async (body: unknown) => {
      sent.push(body);
      const { summary } = body as { summary: string };
      if (summary === 'a') return { id: 'made' };
      throw summary === '' ? refusal(400) : keyReused();
    };
    const bodies = [{ summary: 'a' }, { summary: '' }, { summary: 'c' }];
    await expect(sendKeyed(send, { summary: 'c' }, bodies)).resolves.toEqual({ answer: { id: 'made' }, earlier: true });
    expect(sent).toEqual([{ summary: 'c' }, { summary: '' }, { summary: 'a' }]);
  });

  it('passes on any other refusal, and the reused key when no earlier body took effect', async () => {
    const invalid = refusal(400);
    await expect(sendKeyed(() => Promise.reject(invalid), {}, [{ summary: 'a' }])).rejects.toBe(invalid);
    const api = apiThatMade({ summary: 'elsewhere' });
    await expect(sendKeyed(api.send, { summary: 'b' }, [{ summary: 'a' }, { summary: 'b' }])).rejects.toMatchObject({
      problem: { code: 'IDEMPOTENCY_KEY_REUSED' },
    });
  });
});
