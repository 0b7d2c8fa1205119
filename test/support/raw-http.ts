import { connect } from 'node:net';

/** A response read as text first: the API must always answer, and a non-JSON answer is itself a finding. */
export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
  ms: number;
}

/** Sends a request with a hard time limit; a request the API never answers rejects with a clear message. */
export async function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<RawResponse> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: options.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw new Error(
      `${method} ${path}: no answer within ${timeoutMs} ms (${error instanceof Error ? error.name : String(error)})`,
    );
  }
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text,
    json,
    ms: Date.now() - started,
  };
}

/** Internal detail that must never reach a client: stack frames, SQL, driver and framework names. */
export const LEAK =
  /\n\s+at |QueryFailedError|TypeORM|typeorm|node_modules|\bSELECT\b|\bINSERT INTO\b|JWSSignature|JWTExpired|JWTClaim|ERR_JW|ERR_JOSE/;

/**
 * Writes `request` (raw HTTP/1.1 text, possibly incomplete) to the API's port and keeps the connection open
 * without sending more: the status line of the first answer and how long it took, or null after `timeoutMs`.
 */
export async function partialRequest(
  baseUrl: string,
  request: string,
  timeoutMs: number,
): Promise<{ status: number | null; ms: number; text: string }> {
  const { hostname, port } = new URL(baseUrl);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect(Number(port), hostname, () => socket.write(request));
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: status ? Number(status[1]) : null, ms: Date.now() - started, text });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n\r\n')) setTimeout(finish, 100);
    });
    socket.on('close', finish);
    socket.on('error', (error) => (text ? finish() : reject(error)));
  });
}
