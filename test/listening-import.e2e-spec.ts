import * as fs from 'node:fs';
import * as path from 'node:path';
import { JobRescheduleError, JobsService } from '../src/jobs';
import type { ImportReport } from '../src/listening';
import { LISTENING_POLL_JOB, ListeningService } from '../src/listening';
import { ResummarizeJob } from '../src/listening/resummarize.job';
import { ImportJob } from '../src/listening/import.job';
import { localTime, timeOfDay } from '../src/listening/time-buckets';
import { SpotifyCatalog, SpotifyEmulator } from '../src/sandbox/spotify';
import type { SpotifyTrackRecord } from '../src/sandbox/spotify';
import { adminQueryIn, createTestApp, TestApp } from './support/test-app';

const catalog = SpotifyCatalog.generate();
const leadOf = (t: SpotifyTrackRecord) => catalog.artistById(t.artistIds[0])!;
const nameCount = new Map<string, number>();
for (const t of catalog.tracks)
  nameCount.set(t.name.toLowerCase(), (nameCount.get(t.name.toLowerCase()) ?? 0) + 1);
/** Tracks a text search finds without doubt: a plain title no other track carries, one artist. */
const plain = catalog.tracks.filter(
  (t) =>
    /^[A-Za-z][A-Za-z ']+$/.test(t.name) &&
    t.artistIds.length === 1 &&
    nameCount.get(t.name.toLowerCase()) === 1,
);

type Row = Record<string, unknown>;
const extended = (t: SpotifyTrackRecord, ts: string, ms = 200_000, extra: Row = {}): Row => ({
  ts,
  username: 'importer',
  platform: 'ios',
  ms_played: ms,
  conn_country: 'US',
  master_metadata_track_name: t.name,
  master_metadata_album_artist_name: leadOf(t).name,
  master_metadata_album_album_name: catalog.albumById(t.albumId)!.name,
  spotify_track_uri: `spotify:track:${t.id}`,
  episode_name: null,
  episode_show_name: null,
  spotify_episode_uri: null,
  reason_start: 'trackdone',
  reason_end: 'trackdone',
  shuffle: false,
  skipped: false,
  offline: false,
  incognito_mode: false,
  ...extra,
});
const accountRow = (t: { name: string; artist: string }, endTime: string, ms = 200_000): Row => ({
  endTime,
  artistName: t.artist,
  trackName: t.name,
  msPlayed: ms,
});

describe('listening: history import and analytics', () => {
  let spotify: SpotifyEmulator;
  let app: TestApp;
  let jobs: JobsService;
  let listening: ListeningService;
  let imports: string;

  const write = (name: string, rows: unknown[]) => {
    fs.writeFileSync(path.join(imports, name), JSON.stringify(rows, null, 1));
    return name;
  };
  const listener = async (spotifyUserId: string, timeZone = 'America/Denver') =>
    (await listening.createImportListener({ spotifyUserId, timeZone })).id;

  async function importFile(listenerId: string, file: string): Promise<ImportReport> {
    const res = await app.gql<{ importListeningHistory: { id: string; kind: string } }>(
      'mutation($l: ID!, $f: String!) { importListeningHistory(listenerId: $l, file: $f) { id kind } }',
      { l: listenerId, f: file },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.importListeningHistory.kind).toBe('listening.import');
    const run = await jobs.waitFor(res.data!.importListeningHistory.id, { timeoutMs: 60_000 });
    expect(run.error).toBeNull();
    expect(run.status).toBe('SUCCEEDED');
    return run.result as ImportReport;
  }

  /**
   * No job left that could write artists: imports queue the enrichment module's artist job, which would replace the
   * genres a test sets. Queued runs are cancelled, running ones awaited.
   */
  async function quiesce(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const active = await adminQueryIn<{ id: string; status: string }>(
        app.databaseUrl,
        `SELECT id, status FROM job_run WHERE status IN ('QUEUED', 'RUNNING')`,
      );
      if (active.length === 0) return;
      for (const run of active.filter((r) => r.status === 'QUEUED'))
        await jobs.cancel(run.id).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('jobs did not settle');
  }

  const counts = async (listenerId: string) => listening.playCounts(listenerId);

  const gql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const res = await app.gql<T>(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };

  beforeAll(async () => {
    spotify = new SpotifyEmulator({ catalog, rateLimit: false });
    await spotify.start();
    app = await createTestApp({
      SPOTIFY_API_URL: spotify.apiUrl,
      SPOTIFY_ACCOUNTS_URL: spotify.accountsUrl,
      SPOTIFY_CLIENT_ID: spotify.clientId,
      SPOTIFY_CLIENT_SECRET: spotify.clientSecret,
      SPOTIFY_API_MODE: 'extended',
      LISTENING_POLL_CRON: 'off',
    });
    jobs = app.app.get(JobsService);
    listening = app.app.get(ListeningService);
    imports = path.join(app.config.dataDir, 'imports');
    fs.mkdirSync(imports, { recursive: true });
  });
  afterAll(async () => {
    await app?.close();
    await spotify?.stop();
  });

  it('imports both export formats once: short plays skipped and counted, episodes apart, matches by name', async () => {
    const id = await listener('importer');
    const [t1, t2, t3, t4, t5] = plain;
    const extendedFile = write('Streaming_History_Audio_2026.json', [
      extended(t1, '2026-01-05T10:00:12Z'),
      extended(t2, '2026-01-05T10:04:00Z', 180_000),
      extended(t3, '2026-01-05T10:08:00Z', 10_000), // shorter than MIN_PLAY_MS
      {
        ...extended(t1, '2026-01-05T10:30:00Z', 1_200_000),
        master_metadata_track_name: null,
        master_metadata_album_artist_name: null,
        spotify_track_uri: null,
        episode_name: 'Episode 12',
        episode_show_name: 'The Show',
        spotify_episode_uri: 'spotify:episode:5Xt5DXGzch68nYYamXrNxZ',
      },
      {
        ts: '2026-01-05T11:00:00Z',
        ms_played: 900_000,
        audiobook_title: 'A Book',
        audiobook_uri: 'spotify:audiobook:x',
      },
      { not: 'a play' },
      // a URI Spotify no longer knows, without names: nothing to go on
      extended(t1, '2026-01-05T11:10:00Z', 200_000, {
        spotify_track_uri: 'spotify:track:0000000000000000000000',
        master_metadata_track_name: null,
        master_metadata_album_artist_name: null,
      }),
      // a URI Spotify no longer knows, with the track's and artist's names: matched by search
      extended(t5, '2026-01-05T11:15:00Z', 200_000, {
        spotify_track_uri: 'spotify:track:1111111111111111111111',
      }),
      extended(t4, '2026-01-05T11:20:00Z', 200_000, { spotify_track_uri: null }), // matched by search
    ]);
    const first = await importFile(id, extendedFile);
    expect(first).toMatchObject({
      rows: 9,
      skippedShort: 1,
      minPlayMs: 30_000,
      other: 1,
      invalid: 1,
      searches: 2,
      matched: 2,
      plays: { inserted: 4, duplicates: 0, episodesInserted: 1, unavailable: 1, unmatched: 0 },
      summariesRefreshed: true,
    });
    expect(first.invalidSamples[0]).toMatchObject({
      file: extendedFile,
      reason: expect.stringContaining('ts'),
    });
    expect(await counts(id)).toEqual({ plays: 4, episodes: 1 });
    const [relinked] = await adminQueryIn<{ spotify: string }>(
      app.databaseUrl,
      `SELECT t.spotify_track_id AS spotify FROM listening_play p JOIN listening_track t USING (track_id)
       WHERE p.listener_id = $1 AND p.played_at = '2026-01-05T11:15:00Z'`,
      [id],
    );
    expect(relinked).toEqual({ spotify: t5.id });

    const again = await importFile(id, extendedFile);
    expect(again).toMatchObject({
      rows: 9,
      skippedShort: 1,
      searches: 0, // the matches are remembered
      plays: { inserted: 0, duplicates: 4, episodesInserted: 0, episodeDuplicates: 1, unavailable: 1 },
    });
    expect(await counts(id)).toEqual({ plays: 4, episodes: 1 });

    // the account-data format: no URIs (matched by search), minute precision, podcasts in their own files
    const music = write('StreamingHistory_music_0.json', [
      accountRow({ name: t1.name, artist: leadOf(t1).name }, '2026-01-05 10:00'), // the extended play of 10:00:12
      accountRow({ name: t2.name, artist: leadOf(t2).name }, '2026-01-06 09:00', 150_000),
      accountRow({ name: 'Nothing Like This Anywhere', artist: 'Nobody Known' }, '2026-01-06 09:05'),
      accountRow({ name: t3.name, artist: leadOf(t3).name }, '2026-01-06 09:10', 5_000),
    ]);
    const podcasts = write('StreamingHistory_podcast_0.json', [
      {
        endTime: '2026-01-05 10:30',
        podcastName: 'The Show',
        episodeName: 'Episode 12',
        msPlayed: 1_200_000,
      },
      {
        endTime: '2026-01-06 20:00',
        podcastName: 'The Show',
        episodeName: 'Episode 13',
        msPlayed: 1_500_000,
      },
    ]);
    spotify.clearRequestLog();
    const account = await importFile(id, music);
    expect(account).toMatchObject({
      rows: 4,
      skippedShort: 1,
      searches: 3,
      plays: { inserted: 1, duplicates: 1, unmatched: 1 },
    });
    expect(spotify.requestLog().filter((r) => r.path === '/v1/search')).toHaveLength(3);
    const accountAgain = await importFile(id, music);
    expect(accountAgain).toMatchObject({ searches: 0, plays: { inserted: 0, duplicates: 2, unmatched: 1 } });

    // a search that found nothing is trusted for 30 days, then made again; matches are kept
    await adminQueryIn(
      app.databaseUrl,
      `UPDATE listening_track_match SET matched_at = now() - interval '31 days'`,
    );
    spotify.clearRequestLog();
    const monthLater = await importFile(id, music);
    expect(monthLater).toMatchObject({ searches: 1, plays: { inserted: 0, duplicates: 2, unmatched: 1 } });
    expect(spotify.requestLog().filter((r) => r.path === '/v1/search')).toHaveLength(1);
    expect((await importFile(id, music)).searches).toBe(0); // searched again: trusted for 30 more days

    // the podcast files: episode 12 is the extended history's play of 10:30:00 (known there by its URI)
    expect((await importFile(id, podcasts)).plays).toMatchObject({
      episodesInserted: 1,
      episodeDuplicates: 1,
    });
    expect((await importFile(id, podcasts)).plays).toMatchObject({
      episodesInserted: 0,
      episodeDuplicates: 2,
    });
    // and the other way round: the extended history's play of episode 13, to the second, in the account's minute
    const laterExtended = write('Streaming_History_Audio_2026_1.json', [
      {
        ...extended(t1, '2026-01-06T20:00:41Z', 1_500_000),
        master_metadata_track_name: null,
        master_metadata_album_artist_name: null,
        spotify_track_uri: null,
        episode_name: 'episode 13',
        episode_show_name: 'THE SHOW',
        spotify_episode_uri: 'spotify:episode:6Yt5DXGzch68nYYamXrNxZ',
      },
    ]);
    expect((await importFile(id, laterExtended)).plays).toMatchObject({
      episodesInserted: 0,
      episodeDuplicates: 1,
    });

    // importing the extended file once more changes nothing either
    expect((await importFile(id, extendedFile)).plays.inserted).toBe(0);
    expect(await counts(id)).toEqual({ plays: 5, episodes: 2 });
    const sources = await adminQueryIn<{ source: string; n: number }>(
      app.databaseUrl,
      'SELECT source, count(*)::int AS n FROM listening_play WHERE listener_id = $1 GROUP BY 1 ORDER BY 1',
      [id],
    );
    expect(sources).toEqual([
      { source: 'ACCOUNT_DATA', n: 1 },
      { source: 'EXTENDED_HISTORY', n: 4 },
    ]);
  });

  it('refuses files outside DATA_DIR/imports, and other users’ files', async () => {
    const id = await listener('careful');
    const outside = path.join(app.config.dataDir, 'outside.json');
    fs.writeFileSync(outside, '[]');
    fs.symlinkSync(outside, path.join(imports, 'link.json'));
    for (const file of ['../outside.json', outside, 'link.json', 'missing.json', '/etc/hostname']) {
      const res = await app.gql(
        'mutation($l: ID!, $f: String!) { importListeningHistory(listenerId: $l, file: $f) { id } }',
        { l: id, f: file },
      );
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    }
    const reader = await app.gql(
      'mutation($l: ID!, $f: String!) { importListeningHistory(listenerId: $l, file: $f) { id } }',
      { l: id, f: 'missing.json' },
      { as: 'reader' },
    );
    expect(reader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const someoneElse = write(
      'other-user.json',
      [extended(plain[0], '2026-02-01T10:00:00Z')].map((r) => ({
        ...r,
        username: 'someone-else',
      })),
    );
    const res = await app.gql<{ importListeningHistory: { id: string } }>(
      'mutation($l: ID!, $f: String!) { importListeningHistory(listenerId: $l, file: $f) { id } }',
      { l: id, f: someoneElse },
    );
    const run = await jobs.waitFor(res.data!.importListeningHistory.id, { timeoutMs: 30_000 });
    expect(run.status).toBe('FAILED');
    expect(run.error).toContain('someone-else');
    expect(await counts(id)).toEqual({ plays: 0, episodes: 0 });
  });

  it('resumes an interrupted import from its last checkpoint, and adds nothing the second time', async () => {
    const id = await listener('resumer', 'UTC');
    const start = Date.UTC(2025, 0, 1);
    const rows = Array.from({ length: 12_000 }, (_, i) =>
      extended(catalog.tracks[i % 300], new Date(start + i * 180_000).toISOString(), 180_000, {
        username: 'resumer',
      }),
    );
    const file = path.join(imports, write('big.json', rows));
    const job = app.app.get(ImportJob);
    const saved: unknown[] = [];
    const ctx = (checkpoint?: unknown, crashAfter = Infinity) => ({
      jobRunId: `resume-test-${saved.length}`,
      attempt: checkpoint ? 2 : 1,
      signal: new AbortController().signal,
      progress: () => Promise.resolve(),
      checkpoint,
      saveCheckpoint: (state: unknown) => {
        saved.push(JSON.parse(JSON.stringify(state)));
        return saved.length >= crashAfter ? Promise.reject(new Error('the process died')) : Promise.resolve();
      },
    });
    // the first attempt dies right after its first batch (5,000 rows) is stored and checkpointed
    await expect(job.run({ listenerId: id, files: [file] }, ctx(undefined, 1) as never)).rejects.toThrow(
      'died',
    );
    expect((await counts(id)).plays).toBe(5_000);
    const checkpoint = saved[0] as { offset: number; report: ImportReport };
    expect(checkpoint.report.rows).toBe(5_000);

    const resumed = await job.run({ listenerId: id, files: [file] }, ctx(checkpoint) as never);
    expect(resumed.resumedFrom).toEqual({ file: 'big.json', offset: checkpoint.offset });
    expect(resumed.rows).toBe(12_000);
    expect(resumed.plays).toMatchObject({ inserted: 12_000, duplicates: 0 });
    expect((await counts(id)).plays).toBe(12_000);

    const again = await job.run({ listenerId: id, files: [file] }, ctx() as never);
    expect(again.plays).toMatchObject({ inserted: 0, duplicates: 12_000 });
    expect((await counts(id)).plays).toBe(12_000);
  }, 120_000);

  it('buckets plays by local day and hour across a DST change, and per listener time zone', async () => {
    const t = plain[5];
    const instants = [
      '2026-03-08T06:30:00Z', // Denver: Sat 7 March 23:30 MST
      '2026-03-08T08:30:00Z', // Sun 8 March 01:30 MST
      '2026-03-08T09:30:00Z', // Sun 8 March 03:30 MDT (02:xx does not exist that night)
      '2026-03-08T15:00:00Z', // Sun 8 March 09:00 MDT
      '2026-03-08T16:30:00Z', // Sun 8 March 10:30 MDT; Tokyo: Mon 9 March 01:30
      '2026-03-09T06:30:00Z', // Mon 9 March 00:30 MDT (a fixed UTC−7 would say Sunday 23:30)
    ];
    const file = write(
      'dst.json',
      instants.map((ts) => extended(t, ts, 200_000, { username: null })),
    );
    const denver = await listener('denver', 'America/Denver');
    const tokyo = await listener('tokyo', 'Asia/Tokyo');
    await importFile(denver, file);
    await importFile(tokyo, file);

    type Day = {
      date: string;
      weekday: number;
      isWeekend: boolean;
      plays: number;
      timeOfDay: Record<string, number>;
    };
    const daily = async (listenerId: string) =>
      (
        await gql<{ listeningDaily: Day[] }>(
          `query($l: ID!) { listeningDaily(listenerId: $l, from: "2026-03-06", to: "2026-03-10") {
            date weekday isWeekend plays meanListeningHour timeOfDay { morning afternoon evening night } } }`,
          { l: listenerId },
        )
      ).listeningDaily;
    const denverDays = await daily(denver);
    expect(denverDays).toEqual([
      expect.objectContaining({
        date: '2026-03-07',
        weekday: 6,
        isWeekend: true,
        plays: 1,
        timeOfDay: { morning: 0, afternoon: 0, evening: 0, night: 1 },
      }),
      expect.objectContaining({
        date: '2026-03-08',
        weekday: 7,
        isWeekend: true,
        plays: 4,
        meanListeningHour: 5.75, // (1 + 3 + 9 + 10) / 4
        timeOfDay: { morning: 2, afternoon: 0, evening: 0, night: 2 },
      }),
      expect.objectContaining({ date: '2026-03-09', weekday: 1, isWeekend: false, plays: 1 }),
    ]);
    // the same rules as the TypeScript oracle (Intl), for both zones
    const expected = (zone: string) => {
      const byDate = new Map<string, number>();
      for (const i of instants) {
        const d = localTime(new Date(i), zone).date;
        byDate.set(d, (byDate.get(d) ?? 0) + 1);
      }
      return [...byDate].sort().map(([date, plays]) => ({ date, plays }));
    };
    expect(denverDays.map(({ date, plays }) => ({ date, plays }))).toEqual(expected('America/Denver'));
    const tokyoDays = await daily(tokyo);
    expect(tokyoDays.map(({ date, plays }) => ({ date, plays }))).toEqual([
      { date: '2026-03-08', plays: 3 },
      { date: '2026-03-09', plays: 3 },
    ]);
    expect(tokyoDays.map(({ date, plays }) => ({ date, plays }))).toEqual(expected('Asia/Tokyo'));

    const heat = await gql<{ listeningHeatmap: { weekday: number; hour: number; plays: number }[] }>(
      `query($l: ID!) { listeningHeatmap(listenerId: $l, from: "2026-03-01", to: "2026-03-31") { weekday hour plays } }`,
      { l: denver },
    );
    expect(heat.listeningHeatmap).toHaveLength(168);
    expect(heat.listeningHeatmap.filter((c) => c.plays > 0).map((c) => [c.weekday, c.hour, c.plays])).toEqual(
      [
        [1, 0, 1],
        [6, 23, 1],
        [7, 1, 1],
        [7, 3, 1],
        [7, 9, 1],
        [7, 10, 1],
      ],
    );

    // the enriched view agrees with the TypeScript bucketing
    const enriched = await adminQueryIn<{
      played_at: Date;
      local_date: string;
      local_hour: number;
      time_of_day: string;
      is_weekend: boolean;
    }>(
      app.databaseUrl,
      `SELECT played_at, to_char(local_date, 'YYYY-MM-DD') AS local_date, local_hour, time_of_day, is_weekend
       FROM listening_play_enriched WHERE listener_id = $1 ORDER BY played_at`,
      [denver],
    );
    for (const row of enriched) {
      const local = localTime(row.played_at, 'America/Denver');
      expect([row.local_date, row.local_hour, row.time_of_day]).toEqual([
        local.date,
        local.hour,
        timeOfDay(local.hour),
      ]);
    }

    // moving a listener to another zone recomputes the summaries at once
    const moved = await app.gql<{ setListenerTimeZone: { timeZone: string } }>(
      'mutation($id: ID!) { setListenerTimeZone(id: $id, timeZone: "UTC") { timeZone } }',
      { id: tokyo },
    );
    expect(moved.data?.setListenerTimeZone.timeZone).toBe('UTC');
    expect((await daily(tokyo)).map(({ date, plays }) => ({ date, plays }))).toEqual([
      { date: '2026-03-08', plays: 5 },
      { date: '2026-03-09', plays: 1 },
    ]);
    const bad = await app.gql(
      'mutation($id: ID!) { setListenerTimeZone(id: $id, timeZone: "Mars/Base") { id } }',
      {
        id: tokyo,
      },
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeZone' });
  });

  it('names the top artist of a genre by plays, never by name, and scores the day', async () => {
    const id = await listener('genre-fan', 'UTC');
    const byName = [...catalog.artists]
      .filter((a) => catalog.tracksByArtist(a.id).filter((t) => t.artistIds[0] === a.id).length >= 2)
      .sort((a, b) => a.name.localeCompare(b.name));
    const [alpha, , charlie] = byName;
    const zulu = byName[byName.length - 1];
    const delta = byName[Math.floor(byName.length / 2)];
    const tracksOf = (a: { id: string }) =>
      catalog.tracksByArtist(a.id).filter((t) => t.artistIds[0] === a.id);
    const [z1, z2] = tracksOf(zulu);
    const [a1] = tracksOf(alpha);
    const [c1] = tracksOf(charlie);
    const [d1] = tracksOf(delta);
    const day = '2026-04-14T';
    const imported = await importFile(
      id,
      write('genres.json', [
        extended(z1, `${day}08:00:00Z`, 200_000, { username: null }),
        extended(z1, `${day}09:00:00Z`, 200_000, { username: null }),
        extended(z2, `${day}10:00:00Z`, 200_000, { username: null }),
        extended(a1, `${day}11:00:00Z`, 200_000, { username: null }),
        extended(c1, `${day}12:00:00Z`, 200_000, { username: null }),
        extended(c1, `${day}13:00:00Z`, 200_000, { username: null }),
        extended(d1, `${day}14:00:00Z`, 200_000, { username: null }),
      ]),
    );
    await quiesce();
    // what enrichment would have set: the same genre for the first and last artist by name
    const set = (artist: { id: string }, genres: string[], popularity: number | null) =>
      adminQueryIn(app.databaseUrl, 'UPDATE artist SET genres = $2, popularity = $3 WHERE spotify_id = $1', [
        artist.id,
        genres,
        popularity,
      ]);
    await set(zulu, ['test wave', 'pop'], 80);
    await set(alpha, ['test wave'], 20);
    await set(charlie, ['other sound'], 50);
    await set(delta, [], null);

    const { listeningGenres } = await gql<{ listeningGenres: Record<string, unknown>[] }>(
      `query($l: ID!) { listeningGenres(listenerId: $l, from: "2026-04-01", to: "2026-04-30") {
        genre plays sharePercent artists meanArtistPopularity topArtist { spotifyId name plays } } }`,
      { l: id },
    );
    expect(listeningGenres).toEqual([
      {
        genre: 'test wave',
        plays: 4,
        sharePercent: 57.1,
        artists: 2,
        meanArtistPopularity: 65,
        topArtist: { spotifyId: zulu.id, name: zulu.name, plays: 3 },
      },
      {
        genre: 'other sound',
        plays: 2,
        sharePercent: 28.6,
        artists: 1,
        meanArtistPopularity: 50,
        topArtist: { spotifyId: charlie.id, name: charlie.name, plays: 2 },
      },
      {
        genre: null,
        plays: 1,
        sharePercent: 14.3,
        artists: 1,
        meanArtistPopularity: null,
        topArtist: { spotifyId: delta.id, name: delta.name, plays: 1 },
      },
    ]);

    // Day summaries keep the genres artists had when the day was summarised: the import queued a run that waits
    // for the artist enrichment it queued, then summarises the days again.
    const follow = app.app.get(ResummarizeJob);
    const pending = await jobs.createInline(LISTENING_POLL_JOB, {}); // a run that stays QUEUED
    await expect(follow.run({ listenerIds: [id], afterJobRunId: pending.id })).rejects.toBeInstanceOf(
      JobRescheduleError,
    );
    if (imported.artistEnrichment.jobRunId) {
      expect(imported.artistEnrichment.resummarizeJobRunId).toBeDefined();
    }
    expect(
      await follow.run({ listenerIds: [id], afterJobRunId: imported.artistEnrichment.jobRunId }),
    ).toEqual({
      summaries: 2, // the day and its month,
    });
    const { listeningDaily } = await gql<{ listeningDaily: Record<string, unknown>[] }>(
      `query($l: ID!) { listeningDaily(listenerId: $l, from: "2026-04-14", to: "2026-04-14") {
        plays minutes uniqueTracks uniqueArtists uniqueGenres mainstreamScore genreDiversity } }`,
      { l: id },
    );
    expect(listeningDaily).toEqual([
      {
        plays: 7,
        minutes: 23.3,
        uniqueTracks: 5,
        uniqueArtists: 4,
        uniqueGenres: 2,
        mainstreamScore: 60, // (3×80 + 1×20 + 2×50) / 6: the artist without popularity is left out
        genreDiversity: 0.9183, // entropy of 4:2, over ln 2
      },
    ]);
  });

  it('reports monthly plays, top artist and genre, growth and mainstream tendency', async () => {
    const id = await listener('monthly', 'UTC');
    // the top artist of February and March sorts after the other one by name: the top is by plays, not by name
    const [small, big] = [...catalog.artists]
      .sort((a, b) => a.name.localeCompare(b.name))
      .filter((a) => catalog.tracksByArtist(a.id).some((t) => t.artistIds[0] === a.id));
    const track = (a: { id: string }) => catalog.tracksByArtist(a.id).find((t) => t.artistIds[0] === a.id)!;
    const plays = (artist: { id: string }, month: string, n: number) =>
      Array.from({ length: n }, (_, i) =>
        extended(track(artist), `${month}-${String(10 + i).padStart(2, '0')}T12:00:00Z`, 200_000, {
          username: null,
        }),
      );
    await importFile(
      id,
      write('months.json', [
        ...plays(small, '2025-12', 2),
        ...plays(small, '2026-01', 4),
        ...plays(small, '2026-02', 2),
        ...plays(big, '2026-02', 4),
        ...plays(big, '2026-03', 3),
      ]),
    );
    await quiesce();
    await adminQueryIn(
      app.databaseUrl,
      'UPDATE artist SET genres = $2, popularity = $3 WHERE spotify_id = $1',
      [big.id, ['big genre'], 90],
    );
    await adminQueryIn(
      app.databaseUrl,
      'UPDATE artist SET genres = $2, popularity = $3 WHERE spotify_id = $1',
      [small.id, ['small genre'], 10],
    );
    // what the run queued after the enrichment does once it has finished (see the genre test)
    await app.app.get(ResummarizeJob).run({ listenerIds: [id] });
    const { listeningMonthly } = await gql<{ listeningMonthly: Record<string, unknown>[] }>(
      `query($l: ID!) { listeningMonthly(listenerId: $l, year: 2026) {
        month plays uniqueArtists topArtist { spotifyId plays } topGenre playsGrowthRate mainstreamScore
        mainstreamTendency } }`,
      { l: id },
    );
    expect(listeningMonthly).toHaveLength(12);
    expect(listeningMonthly.slice(0, 5)).toEqual([
      {
        month: '2026-01-01',
        plays: 4,
        uniqueArtists: 1,
        topArtist: { spotifyId: small.id, plays: 4 },
        topGenre: 'small genre',
        playsGrowthRate: 1, // 2 plays in December 2025
        mainstreamScore: 10,
        mainstreamTendency: 'NICHE',
      },
      {
        month: '2026-02-01',
        plays: 6,
        uniqueArtists: 2,
        topArtist: { spotifyId: big.id, plays: 4 },
        topGenre: 'big genre',
        playsGrowthRate: 0.5,
        mainstreamScore: 63.3, // (4×90 + 2×10) / 6
        mainstreamTendency: 'BALANCED',
      },
      {
        month: '2026-03-01',
        plays: 3,
        uniqueArtists: 1,
        topArtist: { spotifyId: big.id, plays: 3 },
        topGenre: 'big genre',
        playsGrowthRate: -0.5,
        mainstreamScore: 90,
        mainstreamTendency: 'MAINSTREAM',
      },
      {
        month: '2026-04-01',
        plays: 0,
        uniqueArtists: 0,
        topArtist: null,
        topGenre: null,
        playsGrowthRate: -1,
        mainstreamScore: null,
        mainstreamTendency: null,
      },
      expect.objectContaining({ month: '2026-05-01', plays: 0, playsGrowthRate: null }),
    ]);

    // a range of whole months and loose days: months read from month rows, the ends from day rows
    const partial = await gql<{ listeningGenres: { genre: string; plays: number }[] }>(
      `query($l: ID!) { listeningGenres(listenerId: $l, from: "2026-01-14", to: "2026-03-11") { genre plays } }`,
      { l: id },
    );
    expect(partial.listeningGenres).toEqual([
      { genre: 'big genre', plays: 6 }, // February 10–13, March 10–11
      { genre: 'small genre', plays: 2 }, // February 10–11 (January 10–13 is before the range)
    ]);

    const tooLong = await app.gql(
      `query($l: ID!) { listeningDaily(listenerId: $l, from: "2025-01-01", to: "2026-12-31") { date } }`,
      { l: id },
    );
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const unknown = await app.gql(
      `{ listeningMonthly(listenerId: "9b2f7c1e-0000-4000-8000-000000000000", year: 2026) { month } }`,
      {},
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('keeps summaries, rebuilt day by day after each ingestion, equal to a full rebuild', async () => {
    const snapshot = async () =>
      Promise.all(
        ['listening_daily_artist', 'listening_daily_hour', 'listening_monthly_artist'].map((table) =>
          adminQueryIn(app.databaseUrl, `SELECT * FROM ${table} ORDER BY 1, 2, 3`),
        ),
      );
    const incremental = await snapshot();
    expect(incremental[0].length).toBeGreaterThan(10);
    await listening.rebuildSummaries();
    expect(await snapshot()).toEqual(incremental);
  });
});
