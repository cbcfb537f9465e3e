// Small node:http helpers: the emulators deliberately avoid frameworks so they behave like remote servers.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export interface EmulatorRequest {
  readonly method: string;
  readonly pathname: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** Raw body, read once on demand. */
  readonly body: () => Promise<string>;
}

export interface HandlerResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const MAX_BODY_BYTES = 1024 * 1024;

export function bodyReader(req: IncomingMessage): () => Promise<string> {
  let pending: Promise<string> | undefined;
  return () => {
    pending ??= new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          reject(new Error('Request body too large'));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
    return pending;
  };
}

export function toEmulatorRequest(req: IncomingMessage): EmulatorRequest {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    pathname: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body: bodyReader(req),
  };
}

/** Writes status, headers and JSON body; only the wire fields are sent (provider extras such as `free` are not). */
export function writeResult(res: ServerResponse, result: HandlerResult): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...result.headers };
  let payload: string | undefined;
  if (result.body !== undefined) {
    payload = JSON.stringify(result.body);
    headers['Content-Type'] ??= 'application/json; charset=utf-8';
  }
  res.writeHead(result.status, headers);
  res.end(payload);
}

export function json(
  status: number,
  body: unknown,
  headers?: Readonly<Record<string, string>>,
): HandlerResult {
  return { status, body, headers };
}

export function withHeaders<R extends HandlerResult>(
  result: R,
  headers: Readonly<Record<string, string>>,
): R {
  return { ...result, headers: { ...result.headers, ...headers } };
}

/** First value of every query parameter, for the request log. */
export function queryObject(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of query) if (!(key in out)) out[key] = value;
  return out;
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
