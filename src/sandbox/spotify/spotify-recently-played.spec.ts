import type { SpotifyErrorJson, SpotifyRecentlyPlayedJson } from './spotify-api.types';
import { SpotifyEmulator } from './spotify-emulator';
import { getJson, userToken } from './spotify-emulator.test-helpers';
import { HISTORY_EPOCH_MS, PLAY_INTERVAL_MS } from './spotify-listening-history';

describe('Spotify emulator: GET /me/player/recently-played', () => {
  let now = HISTORY_EPOCH_MS + 3 * 24 * 3600 * 1000;
  // A week-long token: these tests move the clock by hours.
  const emu = new SpotifyEmulator({ now: () => now, tokenTtlSeconds: 7 * 24 * 3600 });
  let token: string;
  const played = (query = '') =>
    getJson<SpotifyRecentlyPlayedJson>(`${emu.apiUrl}/me/player/recently-played${query}`, token);

  beforeAll(async () => {
    await emu.start();
    token = (await userToken(emu, 'user-read-recently-played')).access_token;
  });
  afterAll(() => emu.stop());

  it('returns 20 plays by default, newest first, with ms ISO timestamps and cursors', async () => {
    const res = await played();
    expect(res.status).toBe(200);
    const { items, cursors, limit, next } = res.body;
    expect(limit).toBe(20);
    expect(items).toHaveLength(20);
    const times = items.map((i) => Date.parse(i.played_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(items[0].played_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(times[0]).toBeLessThanOrEqual(now);
    expect(now - times[0]).toBeLessThan(PLAY_INTERVAL_MS * 2);
    expect(cursors).toEqual({ after: String(times[0]), before: String(times[19]) });
    expect(next).toContain(`before=${times[19]}`);
    expect(items[0].track.type).toBe('track');
    expect(items[0].track.external_ids.isrc).toMatch(/^[A-Z]{2}[A-Z0-9]{3}\d{7}$/);
  });

  it('pages backwards with next/before and stops after the 50 most recent plays', async () => {
    const first = await played('?limit=20');
    const second = await getJson<SpotifyRecentlyPlayedJson>(first.body.next ?? '', token);
    expect(second.body.items).toHaveLength(20);
    expect(Date.parse(second.body.items[0].played_at)).toBeLessThan(
      Date.parse(first.body.items[19].played_at),
    );

    const all = await played('?limit=50');
    expect(all.body.items).toHaveLength(50);
    expect(all.body.next).toBeNull();
    const beyond = await played(`?limit=50&before=${all.body.cursors?.before}`);
    expect(beyond.status).toBe(200);
    expect(beyond.body.items).toEqual([]);
    expect(beyond.body.cursors).toBeNull();
  });

  it('validates limit and refuses after together with before', async () => {
    expect((await played('?limit=51')).status).toBe(400);
    expect((await played('?limit=0')).status).toBe(400);
    const both = await played(`?after=1&before=${now}`);
    expect(both.status).toBe(400);
    expect((both.body as unknown as SpotifyErrorJson).error.status).toBe(400);
  });

  it('grows with time: polling with after returns only the newer plays', async () => {
    const latest = await played('?limit=1');
    const after = latest.body.cursors?.after ?? '';
    expect((await played(`?after=${after}`)).body.items).toEqual([]);

    now += 60 * 60 * 1000;
    const later = await played(`?after=${after}&limit=50`);
    const times = later.body.items.map((i) => Date.parse(i.played_at));
    expect(times.length).toBeGreaterThanOrEqual(7);
    expect(times.length).toBeLessThanOrEqual(10);
    expect(times.every((t) => t > Number(after) && t <= now)).toBe(true);
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // The same instant always gives the same history (derived from the clock, not stored).
    const again = await played(`?after=${after}&limit=50`);
    expect(again.body.items.map((i) => i.track.id)).toEqual(later.body.items.map((i) => i.track.id));
  });

  it('with after, returns the plays right after the cursor when more than limit happened', async () => {
    const all = await played('?limit=50');
    const oldest = all.body.items[49].played_at;
    const res = await played(`?after=${Date.parse(oldest)}&limit=5`);
    expect(res.body.items.map((i) => i.played_at)).toEqual(
      all.body.items.slice(44, 49).map((i) => i.played_at),
    );
    expect(res.body.next).toContain(`after=${res.body.cursors?.after}`);
  });

  it('has no plays before the history epoch', async () => {
    const saved = now;
    now = HISTORY_EPOCH_MS - 1;
    const res = await played();
    now = saved;
    expect(res.body.items).toEqual([]);
    expect(res.body.cursors).toBeNull();
  });
});
