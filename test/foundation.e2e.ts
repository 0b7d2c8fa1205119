import { Stack } from './support/stack';

describe('foundation (real API, worker, Postgres and Temporal)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start();
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('reports database and Temporal up', async () => {
    const health = await stack.http.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', checks: { database: 'up', temporal: 'up' } });
  });

  it('serves the OpenAPI document with the contract paths', async () => {
    const root = stack.http.baseUrl.replace('/api/v1', '');
    const ui = await fetch(`${root}/docs`);
    expect(ui.status).toBe(200);
    const document = (await (await fetch(`${root}/docs-json`)).json()) as {
      servers: unknown[];
      paths: Record<string, Record<string, { summary?: string; security?: unknown[]; responses: object }>>;
    };
    // What `npm run lint:openapi` checks offline holds for the document served.
    expect(document.servers).toHaveLength(1);
    const operations = Object.values(document.paths).flatMap((operations) => Object.values(operations));
    expect(operations.length).toBeGreaterThan(30);
    for (const operation of operations) {
      expect(operation.summary).toEqual(expect.any(String));
      expect(operation.security).toHaveLength(1);
      expect(Object.keys(operation.responses)).toContain('429');
    }
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/health',
        '/api/v1/reference/organisations',
        '/api/v1/referrals',
        '/api/v1/referrals/{id}',
        '/api/v1/referrals/{id}/triage',
        '/api/v1/referrals/{id}/assessment',
      ]),
    );
  });

  it('serves complete reference data: nine ROCUs, 41 forces in them, London without a ROCU', async () => {
    const token = await stack.token(['FORCE_REFERRER'], 'WYP');
    const { status, body } = await stack.http.get<{
      regions: { code: string; hasRocu: boolean; forces: string[]; cadence: string | null }[];
      forces: { code: string; region: string }[];
      agencies: { code: string }[];
    }>('/reference/organisations', token);
    expect(status).toBe(200);
    const rocuRegions = body.regions.filter((region) => region.hasRocu);
    expect(rocuRegions.map((region) => region.code).sort()).toEqual(
      ['EMSOU', 'ERSOU', 'NERSOU', 'NWROCU', 'ROCUWM', 'SEROCU', 'SWROCU', 'TARIAN', 'YHROCU'].sort(),
    );
    expect(rocuRegions.flatMap((region) => region.forces)).toHaveLength(41);
    expect(rocuRegions.every((region) => region.cadence !== null)).toBe(true);
    const london = body.regions.find((region) => !region.hasRocu);
    expect(london?.forces.sort()).toEqual(['COLP', 'MPS']);
    const regionOf = (code: string) => body.forces.find((force) => force.code === code)?.region;
    expect(regionOf('KENT')).toBe('ERSOU');
    expect(regionOf('NWP')).toBe('NWROCU');
    expect(body.agencies.map((agency) => agency.code)).toEqual(expect.arrayContaining(['NCA', 'HMRC']));
  });

  it('serves the code lists and the current scoring scheme', async () => {
    const token = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    const crimeTypes = await stack.http.get<{ items: { code: string }[] }>('/reference/crime-types', token);
    expect(crimeTypes.body.items.map((item) => item.code)).toContain('ILLEGAL_FIREARMS');
    const capabilities = await stack.http.get<{ items: { code: string }[] }>('/reference/capabilities', token);
    expect(capabilities.body.items.map((item) => item.code)).toContain('COVERT_SURVEILLANCE');
    const scheme = await stack.http.get<{ id: string; version: number }>('/reference/scoring-scheme', token);
    expect(scheme.body).toMatchObject({ id: 'rocu-morile-default', version: 1 });
  });

  it('answers a request without a token with a 401 problem', async () => {
    const response = await stack.http.get('/reference/organisations');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 401, title: 'Unauthenticated' });
    expect(typeof response.body.correlationId).toBe('string');
  });

  it('refuses a forged token', async () => {
    const token = await stack.token(['FORCE_REFERRER'], 'WYP');
    const [header, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['AUDITOR'] })).toString('base64url');
    const response = await stack.http.get('/reference/organisations', `${header}.${forged}.${token.split('.')[2]}`);
    expect(response.status).toBe(401);
  });

  it('answers the wrong role with a 403 problem', async () => {
    const token = await stack.token(['AUDITOR'], 'YHROCU');
    const response = await stack.http.post('/referrals', {}, token);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers a malformed body with a 400 problem naming the fields', async () => {
    const response = await stack.http.post('/auth/dev-token', { sub: 7, roles: ['NOT_A_ROLE'], extra: true });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const fields = (response.body.errors as { field: string }[]).map((error) => error.field).sort();
    expect(fields).toEqual(['extra', 'name', 'org', 'roles', 'sub']);
  });

  it('answers unreadable JSON with a 400 problem and a correlation id', async () => {
    const response = await stack.http.request('POST', '/auth/dev-token', { rawBody: '{not json' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: 400, errors: [{ field: '(body)', code: 'invalid_json' }] });
    expect(String(response.body.correlationId)).toMatch(/.{8,}/);
  });
});
