import type {
  SoundchartsErrorJson,
  SoundchartsObjectJson,
  SoundchartsSongJson,
} from './soundcharts-api.types';
import { SoundchartsEmulator } from './soundcharts-emulator';
import { quotaOf, scGet } from './soundcharts-emulator.test-helpers';
import { RATE_LIMIT_PHRASE } from './soundcharts-errors';

describe('Soundcharts emulator: auth, quota and rate limit', () => {
  let now = Date.UTC(2026, 10, 22, 13);
  const emu = new SoundchartsEmulator({ now: () => now, quota: 50 });
  const known = emu.data.known;
  const songPath = `/api/v2.25/song/${known.multiIdSongUuid}`;

  beforeAll(() => emu.start());
  afterAll(() => emu.stop());
  beforeEach(() => {
    emu.reset();
    now = Date.UTC(2026, 10, 22, 13);
  });

  it('accepts the public sandbox pair and answers 401 in Soundcharts’ error shape otherwise', async () => {
    expect(emu.authHeaders).toEqual({ 'x-app-id': 'soundcharts', 'x-api-key': 'soundcharts' });
    const ok = await scGet<SoundchartsObjectJson<SoundchartsSongJson>>(emu, songPath);
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toEqual([]);
    expect(ok.body.object.uuid).toBe(known.multiIdSongUuid);

    const wrongKey = await scGet<SoundchartsErrorJson>(emu, songPath, {
      'x-app-id': 'soundcharts',
      'x-api-key': 'nope',
    });
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body).toEqual({
      errors: [{ key: 'access', code: 401, message: 'You are not logged in' }],
    });
    expect(wrongKey.headers.get('x-quota-remaining')).toBeNull();

    const missing = await scGet<SoundchartsErrorJson>(emu, songPath, {});
    expect(missing.status).toBe(401);
    expect(emu.quotaRemaining()).toBe(49);
  });

  it('counts x-quota-remaining down on billed requests only', async () => {
    const first = await scGet(emu, songPath);
    const second = await scGet(emu, `/api/v2.9/artist/${known.rueDeVivreArtistUuid}`);
    expect(quotaOf(first)).toBe(49);
    expect(quotaOf(second)).toBe(48);

    // by-platform 404 is documented as free; so are 400s and unknown routes.
    const unknown = await scGet<SoundchartsErrorJson>(
      emu,
      `/api/v2.25/song/by-platform/spotify/${known.unknownSpotifyTrackId}`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0]).toMatchObject({ code: 404 });
    expect(quotaOf(unknown)).toBe(48);
    const badLimit = await scGet(emu, '/api/v2.14/chart/song/global-28/ranking/latest?limit=101');
    expect(badLimit.status).toBe(400);
    expect(quotaOf(badLimit)).toBe(48);
    const usage = await scGet<{ object: { quota: { remaining: number } } }>(emu, '/api/v2/team/usage');
    expect(usage.body.object.quota.remaining).toBe(48);
    expect(quotaOf(usage)).toBe(48);

    // A 404 on a uuid lookup is a lookup made: billed.
    const noSong = await scGet(emu, '/api/v2.25/song/00000000-0000-0000-0000-000000000000');
    expect(noSong.status).toBe(404);
    expect(quotaOf(noSong)).toBe(47);
    expect(emu.requestLog().map((e) => e.billed)).toEqual([true, true, false, false, false, true]);
  });

  it('answers the monthly-quota 429 (not "maximum request count") once the quota is used up', async () => {
    emu.setQuota(1);
    const last = await scGet(emu, songPath);
    expect(last.status).toBe(200);
    expect(quotaOf(last)).toBe(0);
    const refused = await scGet<SoundchartsErrorJson>(emu, songPath);
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].code).toBe(429);
    expect(refused.body.errors[0].message).not.toContain(RATE_LIMIT_PHRASE);
    expect(refused.headers.get('x-ratelimit-reset')).toBeNull();
    expect(quotaOf(refused)).toBe(0);
    // Free requests still work without quota.
    const free = await scGet(emu, `/api/v2.25/song/by-platform/spotify/${known.unknownSpotifyTrackId}`);
    expect(free.status).toBe(404);
  });

  it('answers the rate-limit 429 with "maximum request count" and x-ratelimit-reset, then recovers', async () => {
    emu.setRateLimit(3);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await scGet(emu, songPath)).status);
    now += 20_000;
    const limited = await scGet<SoundchartsErrorJson>(emu, songPath);
    expect(statuses).toEqual([200, 200, 200]);
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0].message).toContain(RATE_LIMIT_PHRASE);
    expect(limited.headers.get('x-ratelimit-reset')).toBe('40');
    expect(quotaOf(limited)).toBe(47);
    now += 40_000;
    expect((await scGet(emu, songPath)).status).toBe(200);
  });
});
