import {
  constants,
  createHmac,
  generateKeyPairSync,
  JsonWebKey,
  KeyObject,
  randomBytes,
  randomUUID,
  sign,
} from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Stack } from './support/stack';
import { referralBody } from './support/referral-fixtures';
import { dataFingerprint, settledFingerprint } from './support/data-fingerprint';
import { LEAK, rawRequest } from './support/raw-http';

/*
 * Issue 6, "done when": token attacks (alg none, HS256 signed with the public key, expired, wrong issuer or
 * audience, tampered claims, garbage, no Bearer prefix) all give 401 problem+json and touch no data.
 * Dev mode verifies RS256 against a key pair made at start-up whose private half we cannot reach, so the
 * correctly-signed-but-wrong tokens are tested against a second stack in JWKS mode, trusting a key we hold.
 */

type Json = Record<string, unknown>;
type Signer = (signingInput: string) => string;

const encode = (part: Json | string): string =>
  Buffer.from(typeof part === 'string' ? part : JSON.stringify(part)).toString('base64url');

/** Assembles a compact JWS by hand, so any header, payload and signature can be forged. */
function forge(header: Json, payload: Json | string, signer?: Signer): string {
  const input = `${encode(header)}.${encode(payload)}`;
  return `${input}.${signer ? signer(input) : ''}`;
}

const hmac =
  (hash: 'sha256' | 'sha512', secret: string | Buffer): Signer =>
  (input) =>
    createHmac(hash, secret).update(input).digest('base64url');
const rsa =
  (key: KeyObject, hash: 'sha256' | 'sha512' = 'sha256'): Signer =>
  (input) =>
    sign(hash, Buffer.from(input), key).toString('base64url');
const rsaPss =
  (key: KeyObject): Signer =>
  (input) =>
    sign('sha256', Buffer.from(input), { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }).toString(
      'base64url',
    );

const partsOf = (token: string) => {
  const [header, payload, signature] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()) as Json,
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString()) as Json,
    signature,
  };
};

/**
 * A key pair for signing test tokens. Made with node:crypto rather than jose: jose 6 is ESM-only and this
 * jest set-up (CommonJS via swc) cannot load it; the API under test still verifies with jose.
 */
function rsaKeyPair(kid: string) {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk: JsonWebKey = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  return { jwk, publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(), privateKey };
}

const now = () => Math.floor(Date.now() / 1000);

/**
 * Sends the attack to routes that would read or change data if the token were believed (a valid submission,
 * a withdrawal of an existing referral, a list, reference data) and checks each answer is a bare 401.
 */
async function expectRefusedEverywhere(stack: Stack, authorization: string | undefined, victimId: string) {
  const before = await settledFingerprint(stack.db);
  const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
  const requests: [string, string, unknown][] = [
    ['POST', '/referrals', referralBody()],
    ['POST', `/referrals/${victimId}/withdraw`, { reason: 'withdrawn by a forged token' }],
    ['GET', '/referrals', undefined],
    ['GET', `/referrals/${victimId}`, undefined],
    ['GET', '/reference/organisations', undefined],
  ];
  for (const [method, path, body] of requests) {
    const response = await rawRequest(stack.http.baseUrl, method, path, {
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const summary = `${method} ${path} answered ${response.status}: ${response.text.slice(0, 300)}`;
    expect({ summary, status: response.status }).toEqual({ summary, status: 401 });
    expect(response.contentType).toContain('application/problem+json');
    expect(response.json).toMatchObject({ status: 401, title: 'Unauthenticated' });
    expect(response.text).not.toMatch(LEAK);
  }
  expect(await dataFingerprint(stack.db)).toEqual(before);
}

describe('token attacks against the dev-mode API (RS256 key made at start-up)', () => {
  let stack: Stack;
  let genuine: string;
  let victimId: string;
  const attacks = new Map<string, string | undefined>();

  beforeAll(async () => {
    stack = await Stack.start();
    genuine = await stack.token(['FORCE_REFERRER'], 'WYP', 'token-attack-referrer');
    const victim = await stack.http.post<{ id: string }>('/referrals', referralBody(), genuine);
    expect(victim.status).toBe(201);
    victimId = victim.body.id;

    const { header, payload, signature } = partsOf(genuine);
    const escalated = { ...payload, roles: ['ROCU_MANAGER', 'AUDITOR', 'TTCG_CHAIR'], org: 'YHROCU' };
    const attacker = rsaKeyPair('attacker');
    const randomSecret = randomBytes(32);
    const signingInput = genuine.split('.').slice(0, 2).join('.');

    attacks.set('alg none, no signature', `Bearer ${forge({ alg: 'none', typ: 'JWT' }, escalated)}`);
    attacks.set('alg "None"', `Bearer ${forge({ alg: 'None', typ: 'JWT' }, escalated)}`);
    attacks.set('alg "NONE"', `Bearer ${forge({ alg: 'NONE' }, payload)}`);
    attacks.set(
      'alg none with the genuine claims and signature',
      `Bearer ${encode({ ...header, alg: 'none' })}.${encode(payload)}.${signature}`,
    );
    attacks.set(
      'HS256 signed with a random secret',
      `Bearer ${forge({ alg: 'HS256', typ: 'JWT' }, escalated, hmac('sha256', randomSecret))}`,
    );
    attacks.set(
      'HS256 signed with the PEM of an RSA public key',
      `Bearer ${forge({ alg: 'HS256', typ: 'JWT' }, escalated, hmac('sha256', attacker.publicPem))}`,
    );
    attacks.set(
      'HS256 signed with an RSA public key as JWK text',
      `Bearer ${forge({ alg: 'HS256' }, escalated, hmac('sha256', JSON.stringify(attacker.jwk)))}`,
    );
    attacks.set(
      'HS512 signed with the PEM of an RSA public key',
      `Bearer ${forge({ alg: 'HS512' }, escalated, hmac('sha512', attacker.publicPem))}`,
    );
    attacks.set(
      'RS256 signed by a key the API does not trust',
      `Bearer ${forge({ alg: 'RS256' }, escalated, rsa(attacker.privateKey))}`,
    );
    attacks.set(
      'RS256 signed by an untrusted key embedded as a jwk header',
      `Bearer ${forge({ alg: 'RS256', jwk: attacker.jwk }, escalated, rsa(attacker.privateKey))}`,
    );
    attacks.set(
      'tampered claims (roles and organisation raised), signature kept',
      `Bearer ${encode(header)}.${encode(escalated)}.${signature}`,
    );
    attacks.set(
      'tampered expiry (a year later), signature kept',
      `Bearer ${encode(header)}.${encode({ ...payload, exp: now() + 365 * 86_400 })}.${signature}`,
    );
    attacks.set(
      'header alg changed to RS512, signature kept',
      `Bearer ${encode({ ...header, alg: 'RS512' })}.${encode(payload)}.${signature}`,
    );
    attacks.set('signature stripped', `Bearer ${signingInput}.`);
    attacks.set(
      'signature of another genuine token',
      `Bearer ${signingInput}.${partsOf(await stack.token(['AUDITOR'], 'YHROCU')).signature}`,
    );
    attacks.set('garbage: not a JWT', 'Bearer not-a-jwt');
    attacks.set(
      'garbage: three random segments',
      `Bearer ${randomBytes(24).toString('base64url')}.${randomBytes(48).toString('base64url')}.${randomBytes(64).toString('base64url')}`,
    );
    attacks.set(
      'garbage: payload that is not JSON',
      `Bearer ${forge({ alg: 'RS256' }, 'not json', rsa(attacker.privateKey))}`,
    );
    attacks.set('garbage: 8 KB of token characters', `Bearer ${'A'.repeat(8192)}`);
    attacks.set(
      'garbage: characters outside the token alphabet',
      `Bearer ${genuine.slice(0, 20)}<script>${genuine.slice(20)}`,
    );
    // Malleable forms of the genuine token (issue 13): only the compact JWS form, exactly, is a token.
    attacks.set('the genuine token with base64 padding appended', `Bearer ${genuine}==`);
    attacks.set(
      'the genuine token with a padded signature segment',
      `Bearer ${signingInput}.${genuine.split('.')[2]}=`,
    );
    attacks.set(
      'the genuine token in standard base64 (+ and /)',
      `Bearer ${genuine.replace(/-/g, '+').replace(/_/g, '/')}`,
    );
    attacks.set('the genuine token with a fourth segment', `Bearer ${genuine}.${signingInput.split('.')[0]}`);
    attacks.set('an empty bearer token', 'Bearer ');
    attacks.set('the genuine token without the Bearer prefix', genuine);
    attacks.set('the genuine token under another scheme', `Token ${genuine}`);
    attacks.set('Basic credentials', `Basic ${Buffer.from('admin:admin').toString('base64')}`);
    attacks.set('no Authorization header', undefined);
  });

  afterAll(async () => {
    await stack.stop();
  });

  it.each([
    'alg none, no signature',
    'alg "None"',
    'alg "NONE"',
    'alg none with the genuine claims and signature',
    'HS256 signed with a random secret',
    'HS256 signed with the PEM of an RSA public key',
    'HS256 signed with an RSA public key as JWK text',
    'HS512 signed with the PEM of an RSA public key',
    'RS256 signed by a key the API does not trust',
    'RS256 signed by an untrusted key embedded as a jwk header',
    'tampered claims (roles and organisation raised), signature kept',
    'tampered expiry (a year later), signature kept',
    'header alg changed to RS512, signature kept',
    'signature stripped',
    'signature of another genuine token',
    'garbage: not a JWT',
    'garbage: three random segments',
    'garbage: payload that is not JSON',
    'garbage: 8 KB of token characters',
    'garbage: characters outside the token alphabet',
    'the genuine token with base64 padding appended',
    'the genuine token with a padded signature segment',
    'the genuine token in standard base64 (+ and /)',
    'the genuine token with a fourth segment',
    'an empty bearer token',
    'the genuine token without the Bearer prefix',
    'the genuine token under another scheme',
    'Basic credentials',
    'no Authorization header',
  ])('refuses %s with 401 problem+json on every route, touching no data', async (name) => {
    expect(attacks.has(name)).toBe(true);
    await expectRefusedEverywhere(stack, attacks.get(name), victimId);
  });

  it('ignores a token passed in the query string', async () => {
    const before = await settledFingerprint(stack.db);
    const response = await rawRequest(stack.http.baseUrl, 'POST', `/referrals?access_token=${genuine}`, {
      body: JSON.stringify(referralBody()),
    });
    expect(response.status).toBe(401);
    expect(await dataFingerprint(stack.db)).toEqual(before);
  });

  it('still serves the genuine token (control), and the victim referral was never withdrawn', async () => {
    expect((await stack.http.get('/reference/organisations', genuine)).status).toBe(200);
    const victim = await stack.http.get<{ status: string }>(`/referrals/${victimId}`, genuine);
    expect(victim.status).toBe(200);
    expect(victim.body.status).toBe('SUBMITTED');
  });
});

describe('token attacks against a JWKS-mode API (issuer and audience configured)', () => {
  const ISSUER = 'https://idp.e2e.police.uk';
  const AUDIENCE = 'rocu-gateway-e2e';
  const KID = 'e2e-signing-key';
  let stack: Stack;
  let server: Server;
  const fetched: string[] = [];
  let trusted: ReturnType<typeof rsaKeyPair>;
  let attacker: ReturnType<typeof rsaKeyPair>;
  let attackerJwksUrl: string;
  let genuine: string;
  let victimId: string;

  const claims = (overrides: Json = {}): Json => ({
    sub: 'jwks-referrer',
    name: 'DC Jwks',
    roles: ['FORCE_REFERRER'],
    org: 'WYP',
    iss: ISSUER,
    aud: AUDIENCE,
    iat: now(),
    exp: now() + 600,
    ...overrides,
  });
  /** Signed correctly with the trusted key: only the claims are wrong. */
  const signedByTrusted = (payload: Json, header: Json = {}) =>
    `Bearer ${forge({ alg: 'RS256', typ: 'JWT', kid: KID, ...header }, payload, rsa(trusted.privateKey))}`;
  const without = (key: string): Json => Object.fromEntries(Object.entries(claims()).filter(([name]) => name !== key));

  beforeAll(async () => {
    trusted = rsaKeyPair(KID);
    attacker = rsaKeyPair('attacker-key');
    server = createServer((request, response) => {
      fetched.push(request.url ?? '');
      const keys =
        request.url === '/attacker/jwks.json'
          ? [attacker.jwk]
          : request.url === '/jwks.json'
            ? [trusted.jwk]
            : undefined;
      response.writeHead(keys ? 200 : 404, { 'content-type': 'application/json' });
      response.end(JSON.stringify(keys ? { keys } : {}));
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as AddressInfo;
    attackerJwksUrl = `http://127.0.0.1:${port}/attacker/jwks.json`;
    stack = await Stack.start({
      env: {
        AUTH_MODE: 'jwks',
        JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
        JWT_ISSUER: ISSUER,
        JWT_AUDIENCE: AUDIENCE,
      },
    });
    genuine = signedByTrusted(claims());
    const victim = await stack.http.request<{ id: string }>('POST', '/referrals', {
      body: referralBody(),
      headers: { authorization: genuine },
    });
    expect(victim.status).toBe(201);
    victimId = victim.body.id;
  });

  afterAll(async () => {
    await stack.stop();
    await new Promise((closed) => server.close(closed));
  });

  it('accepts a token signed by the JWKS key with the right issuer and audience (control)', async () => {
    const response = await stack.http.request('GET', '/reference/organisations', {
      headers: { authorization: genuine },
    });
    expect(response.status).toBe(200);
    expect(fetched).toContain('/jwks.json');
    // Dev tokens do not exist in JWKS mode.
    const devToken = await stack.http.post('/auth/dev-token', { sub: 'x', name: 'x', roles: ['AUDITOR'], org: 'WYP' });
    expect(devToken.status).toBe(404);
  });

  const cases: [string, () => string][] = [
    ['expired two minutes ago', () => signedByTrusted(claims({ iat: now() - 3600, exp: now() - 120 }))],
    ['not valid for another ten minutes (nbf)', () => signedByTrusted(claims({ nbf: now() + 600 }))],
    ['without an expiry', () => signedByTrusted(without('exp'))],
    ['from the wrong issuer', () => signedByTrusted(claims({ iss: 'https://evil.example' }))],
    ['without an issuer', () => signedByTrusted(without('iss'))],
    ['for the wrong audience', () => signedByTrusted(claims({ aud: 'some-other-service' }))],
    ['for a list of audiences without ours', () => signedByTrusted(claims({ aud: ['a', 'b'] }))],
    ['without an audience', () => signedByTrusted(without('aud'))],
    ['without a subject', () => signedByTrusted(without('sub'))],
    ['naming roles that do not exist', () => signedByTrusted(claims({ roles: ['SUPERUSER'] }))],
    ['naming an unknown organisation', () => signedByTrusted(claims({ org: 'NOWHERE' }))],
    [
      'signed by another key under the trusted kid',
      () => `Bearer ${forge({ alg: 'RS256', kid: KID }, claims(), rsa(attacker.privateKey))}`,
    ],
    [
      'signed by another key under an unknown kid',
      () => `Bearer ${forge({ alg: 'RS256', kid: 'attacker-key' }, claims(), rsa(attacker.privateKey))}`,
    ],
    [
      'signed by another key embedded as a jwk header',
      () => `Bearer ${forge({ alg: 'RS256', jwk: attacker.jwk }, claims(), rsa(attacker.privateKey))}`,
    ],
    [
      'signed by another key published at a jku the token names',
      () =>
        `Bearer ${forge({ alg: 'RS256', kid: 'attacker-key', jku: attackerJwksUrl }, claims(), rsa(attacker.privateKey))}`,
    ],
    [
      'signed by the trusted key with PS256 (algorithm not pinned)',
      () => `Bearer ${forge({ alg: 'PS256', kid: KID }, claims(), rsaPss(trusted.privateKey))}`,
    ],
    [
      'signed by the trusted key with RS512 (algorithm not pinned)',
      () => `Bearer ${forge({ alg: 'RS512', kid: KID }, claims(), rsa(trusted.privateKey, 'sha512'))}`,
    ],
    [
      'HS256 keyed with the trusted public key as PEM (key confusion)',
      () => `Bearer ${forge({ alg: 'HS256', kid: KID }, claims(), hmac('sha256', trusted.publicPem))}`,
    ],
    [
      'HS256 keyed with the trusted public key as JWK text',
      () => `Bearer ${forge({ alg: 'HS256', kid: KID }, claims(), hmac('sha256', JSON.stringify(trusted.jwk)))}`,
    ],
    [
      'HS256 keyed with the trusted modulus',
      () => `Bearer ${forge({ alg: 'HS256', kid: KID }, claims(), hmac('sha256', String(trusted.jwk.n)))}`,
    ],
    ['alg none with valid claims', () => `Bearer ${forge({ alg: 'none', kid: KID }, claims())}`],
    [
      'a genuine token with its claims tampered (roles raised), signature kept',
      () => {
        const [header, , signature] = genuine.slice('Bearer '.length).split('.');
        return `Bearer ${header}.${encode(claims({ roles: ['ROCU_MANAGER', 'AUDITOR'], org: 'YHROCU' }))}.${signature}`;
      },
    ],
    ['garbage', () => `Bearer ${randomUUID()}`],
    ['the genuine token without the Bearer prefix', () => genuine.slice('Bearer '.length)],
  ];

  it.each(cases)('refuses a token %s with 401 problem+json, touching no data', async (_name, build) => {
    await expectRefusedEverywhere(stack, build(), victimId);
  });

  it('never fetched keys from a URL named inside a token', () => {
    expect(fetched.filter((url) => url !== '/jwks.json')).toEqual([]);
  });

  it('left the victim referral untouched (control)', async () => {
    const victim = await stack.http.request<{ status: string }>('GET', `/referrals/${victimId}`, {
      headers: { authorization: genuine },
    });
    expect(victim.status).toBe(200);
    expect(victim.body.status).toBe('SUBMITTED');
  });
});

/*
 * Issue 13: rate limits cannot be dodged with forwarding headers. X-Forwarded-For is believed only from the
 * TRUST_PROXY hops (none by default), and a signed-in caller is limited as a person as well as an address.
 */
describe('rate limits against forged forwarding headers', () => {
  const LIMIT = 5;
  let direct: Stack;
  let behindProxy: Stack;

  beforeAll(async () => {
    [direct, behindProxy] = await Promise.all([
      Stack.start({ env: { THROTTLE_LIMIT: String(LIMIT) } }),
      Stack.start({ env: { THROTTLE_LIMIT: String(LIMIT), TRUST_PROXY: 'loopback' } }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([direct?.stop(), behindProxy?.stop()]);
  });

  /** Statuses of LIMIT + 3 requests to one route, each claiming to come from a fresh address. */
  const statuses = async (stack: Stack, authorization?: string): Promise<number[]> => {
    const answers: number[] = [];
    for (let index = 0; index < LIMIT + 3; index += 1) {
      const response = await rawRequest(stack.http.baseUrl, 'GET', '/reference/crime-types', {
        headers: { 'x-forwarded-for': `203.0.113.${index + 1}`, ...(authorization ? { authorization } : {}) },
      });
      answers.push(response.status);
    }
    return answers;
  };

  it('ignores X-Forwarded-For from a client that is not a trusted proxy: the address limit holds', async () => {
    const answers = await statuses(direct);
    expect(answers.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
    expect(answers.slice(LIMIT)).toEqual([429, 429, 429]);
  });

  it('believes X-Forwarded-For from a configured proxy hop, but still limits a signed-in person', async () => {
    // Anonymous callers behind the proxy are told apart by their forwarded addresses...
    expect(await statuses(behindProxy)).toEqual(Array(LIMIT + 3).fill(401));
    // ...while one person is limited whatever address they come from.
    const token = await behindProxy.token(['FORCE_REFERRER'], 'WYP', 'rate-limited-referrer');
    const answers = await statuses(behindProxy, `Bearer ${token}`);
    expect(answers.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(200));
    expect(answers.slice(LIMIT)).toEqual([429, 429, 429]);
  });
});
