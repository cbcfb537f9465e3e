import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Registry } from 'prom-client';
import { AnswerVerdict, parseBody, ProviderAnswer, ProviderHttp, ProviderHttpOptions } from './provider-http';

interface Reply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Never answer (for the timeout). */
  hang?: boolean;
}

/** A local server that answers from a script, one reply per request (the last one repeats). */
async function scriptedServer(replies: Reply[]) {
  const seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      const reply = replies[Math.min(seen.length - 1, replies.length - 1)];
      if (reply.hang) return;
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function harness(overrides: Partial<ProviderHttpOptions> = {}) {
  const registry = new Registry();
  const sleeps: number[] = [];
  const warnings: string[] = [];
  const options: ProviderHttpOptions = {
    provider: 'Acme',
    logger: { warn: (message: string) => warnings.push(message) },
    maxSockets: 4,
    timeoutMs: 2_000,
    maxAttempts: 3,
    retryDelay: (failures) => failures * 100,
    unavailable: (message) => new Error(`unavailable: ${message}`),
    maxRateLimitWaits: 2,
    retryCauses: ['5xx', 'network', 'rate_limit'],
    metrics: {
      counter: <L extends string>(name: string, help: string, labelNames: L[]) =>
        new Counter<L>({ name, help, labelNames, registers: [registry] }),
    },
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...overrides,
  };
  const client = new ProviderHttp(options);
  const counts = async (name: string) =>
    Object.fromEntries(
      (await registry.getSingleMetric(name)!.get()).values.map((v) => [
        Object.values(v.labels).join(' '),
        v.value,
      ]),
    );
  return { client, sleeps, warnings, registry, counts };
}

const returnAll = (): AnswerVerdict => ({ action: 'return' });
const retry5xx = (a: ProviderAnswer): AnswerVerdict =>
  a.status >= 500 ? { action: 'retry', reason: `answered ${a.status}` } : { action: 'return' };

describe('parseBody', () => {
  it('parses JSON, keeps other text, and is undefined for an empty body', () => {
    expect(parseBody('{"a":1}')).toEqual({ a: 1 });
    expect(parseBody('<html>bad gateway</html>')).toBe('<html>bad gateway</html>');
    expect(parseBody('')).toBeUndefined();
    expect(parseBody(undefined)).toBeUndefined();
  });
});

describe('ProviderHttp', () => {
  let server: Awaited<ReturnType<typeof scriptedServer>> | undefined;
  let client: ProviderHttp | undefined;
  afterEach(async () => {
    client?.destroy();
    await server?.close();
    server = undefined;
    client = undefined;
  });

  it('sends the request under the base URL and hands back status, parsed body and headers', async () => {
    server = await scriptedServer([{ status: 404, body: '{"error":"gone"}', headers: { 'x-extra': '7' } }]);
    const h = harness({ baseURL: server.url });
    client = h.client;
    const answer = await client.send({
      endpoint: 'POST /things',
      request: { method: 'POST', url: '/things?q=1', headers: { 'x-key': 'k' }, data: 'payload' },
      judge: returnAll,
    });
    expect(answer.status).toBe(404);
    expect(answer.data).toEqual({ error: 'gone' });
    expect(answer.headers['x-extra']).toBe('7');
    expect(server.seen).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/things?q=1',
        body: 'payload',
        headers: expect.objectContaining({ 'x-key': 'k' }) as unknown,
      }),
    ]);
    expect(await h.counts('soundgraph_acme_requests_total')).toEqual({ 'POST /things 404': 1 });
    expect(h.sleeps).toEqual([]);
  });

  it('retries what the provider calls retryable with its backoff, and counts each retry', async () => {
    server = await scriptedServer([{ status: 503 }, { status: 502 }, { status: 200, body: '[1]' }]);
    const h = harness();
    client = h.client;
    let before = 0;
    const answer = await client.send({
      endpoint: 'GET /x',
      request: { url: `${server.url}/x` },
      beforeAttempt: () => void before++,
      judge: retry5xx,
    });
    expect(answer).toMatchObject({ status: 200, data: [1] });
    expect(before).toBe(3);
    expect(h.sleeps).toEqual([100, 200]);
    expect(h.warnings).toEqual([
      'Acme GET /x answered 503; retry 1 in 100 ms',
      'Acme GET /x answered 502; retry 2 in 200 ms',
    ]);
    expect(await h.counts('soundgraph_acme_retries_total')).toEqual({ 'GET /x 5xx': 2 });
    expect(await h.counts('soundgraph_acme_requests_total')).toEqual({
      'GET /x 503': 1,
      'GET /x 502': 1,
      'GET /x 200': 1,
    });
  });

  it('gives up after maxAttempts with the provider error', async () => {
    server = await scriptedServer([{ status: 503 }]);
    const h = harness();
    client = h.client;
    await expect(
      client.send({ endpoint: 'GET /x', request: { url: server.url }, judge: retry5xx }),
    ).rejects.toThrow('unavailable: GET /x answered 503 (3 attempts)');
    expect(server.seen).toHaveLength(3);
    expect(h.sleeps).toEqual([100, 200]);
  });

  it('retries network errors and counts them as such', async () => {
    server = await scriptedServer([{ status: 200 }]);
    const url = server.url;
    await server.close();
    server = undefined;
    const h = harness();
    client = h.client;
    await expect(client.send({ endpoint: 'GET /x', request: { url }, judge: returnAll })).rejects.toThrow(
      /^unavailable: GET \/x .*ECONNREFUSED.* \(3 attempts\)$/,
    );
    expect(await h.counts('soundgraph_acme_requests_total')).toEqual({ 'GET /x network': 3 });
    expect(await h.counts('soundgraph_acme_retries_total')).toEqual({ 'GET /x network': 2 });
  });

  it('treats no answer within the timeout as a retryable failure', async () => {
    server = await scriptedServer([
      { status: 200, hang: true },
      { status: 200, body: 'ok' },
    ]);
    const h = harness({ timeoutMs: 100 });
    client = h.client;
    const answer = await client.send({
      endpoint: 'GET /slow',
      request: { url: server.url },
      judge: returnAll,
    });
    expect(answer.data).toBe('ok');
    expect(h.warnings).toEqual(['Acme GET /slow no answer within 0.1 s; retry 1 in 100 ms']);
    expect(await h.counts('soundgraph_acme_requests_total')).toEqual({
      'GET /slow timeout': 1,
      'GET /slow 200': 1,
    });
  });

  it('waits out a rate limit in place a limited number of times', async () => {
    server = await scriptedServer([{ status: 429 }]);
    const h = harness();
    client = h.client;
    const blocks: number[] = [];
    const rateLimited = (): AnswerVerdict => ({
      action: 'rate-limited',
      seconds: 3,
      giveUp: false,
      error: () => new Error('come back later'),
      block: () => void blocks.push(3),
    });
    await expect(
      client.send({ endpoint: 'GET /x', request: { url: server.url }, judge: rateLimited }),
    ).rejects.toThrow('come back later');
    expect(server.seen).toHaveLength(3); // two waits allowed, the third 429 is thrown
    expect(blocks).toEqual([3, 3]);
    expect(h.sleeps).toEqual([]); // the provider's beforeAttempt makes the wait
    expect(h.warnings).toEqual([
      'Acme GET /x rate limited; waiting 3 s',
      'Acme GET /x rate limited; waiting 3 s',
    ]);
    expect(await h.counts('soundgraph_acme_retries_total')).toEqual({ 'GET /x rate_limit': 2 });
  });

  it('throws at once when the provider gives up on a rate limit, or throws itself', async () => {
    server = await scriptedServer([{ status: 429 }]);
    const h = harness();
    client = h.client;
    const block = jest.fn();
    await expect(
      client.send({
        endpoint: 'GET /x',
        request: { url: server.url },
        judge: () => ({
          action: 'rate-limited',
          seconds: 3600,
          giveUp: true,
          error: () => new Error('quota'),
          block,
        }),
      }),
    ).rejects.toThrow('quota');
    expect(block).not.toHaveBeenCalled();
    await expect(
      client.send({
        endpoint: 'GET /x',
        request: { url: server.url },
        judge: () => Promise.reject(new Error('refused')),
      }),
    ).rejects.toThrow('refused');
    expect(server.seen).toHaveLength(2);
    expect(h.warnings).toEqual([]);
  });

  it('counts retries the caller makes itself, and works without metrics', async () => {
    const h = harness();
    h.client.countRetry('GET /x', 'token');
    expect(await h.counts('soundgraph_acme_retries_total')).toEqual({ 'GET /x token': 1 });
    expect(await h.registry.metrics()).toContain(
      '# HELP soundgraph_acme_retries_total Acme requests sent again, by endpoint and cause (5xx, network, rate_limit)',
    );
    h.client.destroy();

    server = await scriptedServer([{ status: 204 }]);
    client = harness({ metrics: undefined }).client;
    client.countRetry('GET /x', 'token');
    const answer = await client.send({ endpoint: 'GET /x', request: { url: server.url }, judge: returnAll });
    expect(answer).toMatchObject({ status: 204, data: undefined });
  });
});
