import * as net from 'node:net';
import { CONNECTION_TIMEOUT_MS, dataSourceOptions } from './data-source-options';
import { runMigrations } from './migration-runner';

describe('runMigrations against a host that never answers', () => {
  // Accepts TCP connections and never speaks, as a host behind a firewall that drops packets looks to a client.
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('keeps the connection timeout when a caller narrows the pool', () => {
    const options = dataSourceOptions('postgres://u:p@127.0.0.1:1/db', { extra: { max: 1 } }) as {
      extra: Record<string, unknown>;
    };
    expect(options.extra).toEqual({ max: 1, connectionTimeoutMillis: CONNECTION_TIMEOUT_MS });
  });

  it('gives up at its deadline, not at the end of an attempt longer than the time left', async () => {
    const log: string[] = [];
    const started = Date.now();
    await expect(
      runMigrations(`postgres://u:p@127.0.0.1:${port}/db`, {
        timeoutSeconds: 1,
        log: (m) => log.push(m),
      }),
    ).rejects.toThrow(/^database unreachable after 1 s: .*timeout/);
    // one attempt alone would take CONNECTION_TIMEOUT_MS (5 s) if it were not capped to the 1 s left
    expect(Date.now() - started).toBeLessThan(CONNECTION_TIMEOUT_MS - 1000);
    expect(sockets.size).toBeGreaterThan(0);
  }, 30_000);
});
