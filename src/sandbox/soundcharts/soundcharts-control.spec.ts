import type { SoundchartsErrorJson } from './soundcharts-api.types';
import { SoundchartsEmulator } from './soundcharts-emulator';
import type { SoundchartsEmulatorStateView } from './soundcharts-emulator.ops';
import { control, quotaOf, scGet } from './soundcharts-emulator.test-helpers';
import { RATE_LIMIT_PHRASE } from './soundcharts-errors';
import type { SoundchartsFault } from './soundcharts-faults';
import type { SoundchartsRequestLogEntry } from './soundcharts-emulator.ops';

describe('Soundcharts emulator: control API, faults and request log', () => {
  let now = Date.UTC(2026, 10, 22, 13);
  const emu = new SoundchartsEmulator({ now: () => now });
  const known = emu.data.known;
  const songPath = `/api/v2.25/song/${known.multiIdSongUuid}`;

  beforeAll(() => emu.start());
  afterAll(() => emu.stop());
  beforeEach(async () => {
    now = Date.UTC(2026, 10, 22, 13);
    await control(emu, 'POST', '/reset');
  });

  it('fires a fault `count` times on matching paths, free of quota, then answers normally', async () => {
    const created = await control<SoundchartsFault>(emu, 'POST', '/faults', {
      status: 503,
      count: 2,
      path: '/song/',
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toEqual(expect.any(String));
    const other = await scGet(emu, `/api/v2.9/artist/${known.rueDeVivreArtistUuid}`);
    expect(other.status).toBe(200);
    const statuses: number[] = [];
    let firstBody: unknown;
    for (let i = 0; i < 3; i++) {
      const res = await scGet(emu, songPath);
      statuses.push(res.status);
      firstBody ??= res.body;
    }
    expect(statuses).toEqual([503, 503, 200]);
    expect(firstBody).toEqual({ errors: [{ key: 'error', code: 503, message: 'Service unavailable' }] });
    expect(emu.quotaRemaining()).toBe(100_000 - 2);
    expect((await control<SoundchartsFault[]>(emu, 'GET', '/faults')).body).toEqual([]);
  });

  it('injects rate-limit and quota flavoured 429s with headers and messages', async () => {
    await control(emu, 'POST', '/faults', { status: 429, count: 1, headers: { 'x-ratelimit-reset': '30' } });
    const rate = await scGet<SoundchartsErrorJson>(emu, songPath);
    expect(rate.status).toBe(429);
    expect(rate.headers.get('x-ratelimit-reset')).toBe('30');
    expect(rate.body.errors[0].message).toContain(RATE_LIMIT_PHRASE);
    emu.injectFault({ status: 429, count: 1, message: 'Quota exceeded' });
    const quota = await scGet<SoundchartsErrorJson>(emu, songPath);
    expect(quota.headers.get('x-ratelimit-reset')).toBeNull();
    expect(quota.body.errors[0]).toEqual({ key: 'quota', code: 429, message: 'Quota exceeded' });
  });

  it('delays answers, matches by method and regex, and takes a raw body', async () => {
    emu.injectFault({ delayMs: 150, count: 1, path: '^/api/v2\\.25/song/' });
    const started = Date.now();
    expect((await scGet(emu, songPath)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    emu.injectFault({ status: 500, method: 'POST' });
    expect((await scGet(emu, songPath)).status).toBe(200);
    emu.clearFaults();
    emu.injectFault({ status: 502, body: { message: 'upstream' }, count: 1 });
    const raw = await scGet(emu, songPath);
    expect(raw.status).toBe(502);
    expect(raw.body).toEqual({ message: 'upstream' });
    const bad = await control<{ error: string }>(emu, 'POST', '/faults', { count: 2 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('status or delayMs is required');
  });

  it('fires probabilistic faults reproducibly', async () => {
    emu.injectFault({ status: 500, probability: 0.5 });
    const run = async () => {
      const out: number[] = [];
      for (let i = 0; i < 12; i++) out.push((await scGet(emu, songPath)).status);
      return out;
    };
    const statuses = await run();
    expect(statuses).toContain(500);
    expect(statuses).toContain(200);
    const twin = new SoundchartsEmulator({ now: () => now, catalog: emu.data.catalog });
    await twin.start();
    try {
      twin.injectFault({ status: 500, probability: 0.5 });
      const twinStatuses: number[] = [];
      for (let i = 0; i < 12; i++) twinStatuses.push((await scGet(twin, songPath)).status);
      expect(twinStatuses).toEqual(statuses);
    } finally {
      await twin.stop();
    }
  });

  it('logs every API request (method, path, query, time, status, billed) and clears the log', async () => {
    await scGet(emu, `${songPath}?foo=bar`);
    now += 1000;
    await scGet(emu, '/api/v2.25/song/by-platform/spotify/UnknownTrack0000000000');
    await scGet(emu, songPath, {});
    await control(emu, 'GET', '/state');
    const log = await control<SoundchartsRequestLogEntry[]>(emu, 'GET', '/requests');
    expect(log.body).toEqual([
      {
        method: 'GET',
        path: songPath,
        query: { foo: 'bar' },
        time: '2026-11-22T13:00:00.000Z',
        status: 200,
        billed: true,
      },
      {
        method: 'GET',
        path: '/api/v2.25/song/by-platform/spotify/UnknownTrack0000000000',
        query: {},
        time: '2026-11-22T13:00:01.000Z',
        status: 404,
        billed: false,
      },
      {
        method: 'GET',
        path: songPath,
        query: {},
        time: '2026-11-22T13:00:01.000Z',
        status: 401,
        billed: false,
      },
    ]);
    expect((await control(emu, 'DELETE', '/requests')).status).toBe(204);
    expect(emu.requestLog()).toEqual([]);
  });

  it('sets and reads the quota, the rate limit and the clock, and resets them', async () => {
    expect((await control(emu, 'POST', '/quota', { remaining: 5 })).body).toEqual({ remaining: 5 });
    expect(quotaOf(await scGet(emu, songPath))).toBe(4);
    expect((await control(emu, 'GET', '/quota')).body).toEqual({ remaining: 4 });
    expect((await control(emu, 'POST', '/quota', { remaining: -1 })).status).toBe(400);
    await scGet(emu, `/api/v2.25/song/by-platform/spotify/${known.pendingSpotifyTrackId}`);
    await control(emu, 'POST', '/rate-limit', { requestsPerMinute: 1 });
    expect((await scGet(emu, songPath)).status).toBe(200);
    expect((await scGet(emu, songPath)).status).toBe(429);
    const clock = await control<{ now: string }>(emu, 'POST', '/clock', { advanceMs: 61_000 });
    expect(clock.body.now).toBe('2026-11-22T13:01:01.000Z');
    expect((await scGet(emu, songPath)).status).toBe(200);
    const state = await control<SoundchartsEmulatorStateView>(emu, 'GET', '/state');
    expect(state.body).toMatchObject({ quotaRemaining: 2, rateLimit: 1, clockOffsetMs: 61_000 });
    expect(state.body.ingestions).toHaveLength(1);
    const reset = await control<SoundchartsEmulatorStateView>(emu, 'POST', '/reset');
    expect(reset.body).toEqual({
      quotaRemaining: 100_000,
      rateLimit: 5_000,
      clockOffsetMs: 0,
      now: '2026-11-22T13:00:00.000Z',
      faults: 0,
      ingestions: [],
    });
    const summary = await control<{ known: { chart200Slug: string } }>(emu, 'GET', '/data/summary');
    expect(summary.body.known.chart200Slug).toBe('global-28');
  });
});
