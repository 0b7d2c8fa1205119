import type { Role } from '@rocu/domain';

export interface ApiResponse<T> {
  status: number;
  body: T;
}

/** POSTs JSON and parses the answer (bench set-up only; the load itself runs in a separate process). */
export async function postJson<T>(url: string, body: unknown, token?: string): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function devToken(apiUrl: string, roles: Role[], org: string): Promise<string> {
  const sub = `bench-${roles.join('+').toLowerCase()}@${org.toLowerCase()}`;
  const response = await postJson<{ token: string }>(`${apiUrl}/auth/dev-token`, {
    sub,
    name: `Bench ${sub}`,
    roles,
    org,
  });
  if (response.status !== 200)
    throw new Error(`dev token for ${org} failed (${response.status}): ${JSON.stringify(response.body)}`);
  return response.body.token;
}

export async function waitForHealth(apiUrl: string, timeoutMs: number, describeFailure: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${apiUrl}/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((wake) => setTimeout(wake, 250));
  }
  throw new Error(`the API at ${apiUrl} did not become healthy:\n${describeFailure()}`);
}
