// The nested catalog page `works(first: 100) { spotifyLink track { popularity artists { name genres } } }` over a
// 10,000-work catalog under autocannon, pages picked at random, beside a hand-written join through pg that reads the
// same data for the same pages at the same concurrency: what the GraphQL stack and its DataLoaders cost over one
// query. The SQL statements each GraphQL request sends are read from the app's own per-operation histogram.
import 'reflect-metadata';
import autocannon from 'autocannon';
import { Pool } from 'pg';
import { CatalogService } from '../src/catalog/catalog.service';
import { LinkConfidence, LinkMethod } from '../src/catalog/link-types';
import { decodeCursor } from '../src/common/pagination';
import { MusicService } from '../src/music/music.service';
import type { SpotifySimplifiedArtist, SpotifyTrack } from '../src/spotify/spotify-api.types';
import { benchDatabase, percentile, report, sqlBaseline } from './support/bench-db';
import { startBenchApp } from './support/bench-service';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 10;
const WORKS = 10_000;
const ARTISTS = 3_000;
const PAGE = 100;
const CHUNK = 1_000;
// prettier-ignore
const GENRES = [
  'pop', 'dance pop', 'indie rock', 'alt rock', 'hip hop', 'trap', 'r&b', 'neo soul', 'house', 'techno', 'jazz',
  'bossa nova', 'folk', 'singer-songwriter', 'metal', 'punk', 'reggaeton', 'k-pop', 'afrobeats', 'ambient',
];

const OPERATION = 'CatalogWorks';
const QUERY = `query ${OPERATION}($first: Int, $after: String) {
  works(first: $first, after: $after) {
    edges { node { id title spotifyLink { trackId confidence } track { popularity artists { name genres } } } }
  }
}`;
const CURSORS_QUERY = `query CatalogWorkCursors($after: String) {
  works(first: ${PAGE}, after: $after) { pageInfo { endCursor hasNextPage } }
}`;
// The same page in one statement: the works after the cursor in catalog order, their link, its track, and the
// track's credited artists in credit order. $1/$2: the cursor's microseconds and id (both null for the first page).
const SQL = `WITH page AS (
    SELECT w.id, w.title, w.created_at FROM work w
    WHERE $1::bigint IS NULL
       OR (w.created_at, w.id) > (timestamptz 'epoch' + $1::bigint * interval '1 microsecond', $2::uuid)
    ORDER BY w.created_at, w.id LIMIT ${PAGE})
  SELECT p.id, p.title, l.spotify_track_id AS "trackId", l.confidence, t.popularity,
    (SELECT coalesce(json_agg(json_build_object('name', a.name, 'genres', a.genres) ORDER BY ta.position), '[]')
       FROM track_artist ta JOIN artist a ON a.id = ta.artist_id WHERE ta.track_id = t.id) AS artists
  FROM page p LEFT JOIN work_link l ON l.work_id = p.id LEFT JOIN track t ON t.id = l.track_id
  ORDER BY p.created_at, p.id`;

interface WorkNode {
  id: string;
  title: string;
  spotifyLink: { trackId: string; confidence: string } | null;
  track: { popularity: number | null; artists: { name: string; genres: string[] }[] } | null;
}
interface SqlRow {
  id: string;
  title: string;
  trackId: string | null;
  confidence: string | null;
  popularity: number | null;
  artists: { name: string; genres: string[] }[] | null;
}

const spotifyId = (prefix: string, n: number) => `${prefix}${String(n).padStart(21, '0')}`;
const artistName = (a: number) => `Bench Artist ${a}`;
/** Track j credits 1 to 3 distinct artists. */
const creditsOf = (j: number) => Array.from({ length: 1 + (j % 3) }, (_, k) => (j * 7 + k * 1000) % ARTISTS);
const genresOf = (a: number) =>
  Array.from({ length: 1 + (a % 3) }, (_, k) => GENRES[(a + k * 7) % GENRES.length]);
/** Every tenth work is unlinked; the rest link to track j = their index. */
const isLinked = (i: number) => i % 10 !== 9;
/** One linked track in twenty has no popularity (not enriched). */
const popularityOf = (j: number) => (j % 20 === 18 ? null : (j * 37) % 101);

function simplifiedArtist(a: number): SpotifySimplifiedArtist {
  const id = spotifyId('A', a);
  return {
    id,
    name: artistName(a),
    type: 'artist',
    uri: `spotify:artist:${id}`,
    href: '',
    external_urls: {},
  };
}

function spotifyTrack(j: number): SpotifyTrack {
  const id = spotifyId('T', j);
  const artists = creditsOf(j).map(simplifiedArtist);
  return {
    id,
    name: `Bench Work ${j}`,
    artists,
    duration_ms: 180_000 + (j % 60) * 1000,
    explicit: false,
    disc_number: 1,
    track_number: 1,
    type: 'track',
    uri: `spotify:track:${id}`,
    href: '',
    external_urls: {},
    is_local: false,
    album: {
      id: spotifyId('B', j),
      name: `Bench Album ${j}`,
      album_type: 'single',
      total_tracks: 1,
      release_date: '2024-01-01',
      release_date_precision: 'day',
      images: [],
      artists,
      type: 'album',
      uri: `spotify:album:${spotifyId('B', j)}`,
      href: '',
      external_urls: {},
    },
  };
}

/** Works, tracks, artists, links, popularity and genres, written through the catalog and music services. */
async function seed(catalog: CatalogService, music: MusicService): Promise<void> {
  await catalog.importWorks(
    Array.from({ length: WORKS }, (_, i) => ({
      title: `Bench Work ${i}`,
      artistName: artistName(creditsOf(i)[0]),
      isrc: null,
      durationMs: 180_000 + (i % 60) * 1000,
      externalId: `bench-${i}`,
    })),
  );
  const [works] = await catalog.listWorks({}, WORKS + 1);
  const workIdOf = new Map(works.map((w) => [w.externalId, w.id]));
  const linked = Array.from({ length: WORKS }, (_, i) => i).filter(isLinked);
  for (let c = 0; c < linked.length; c += CHUNK) {
    const links = linked.slice(c, c + CHUNK).map((i) => ({
      workId: workIdOf.get(`bench-${i}`)!,
      track: spotifyTrack(i),
      confidence: i % 4 === 0 ? LinkConfidence.MEDIUM : LinkConfidence.HIGH,
      method: i % 4 === 0 ? LinkMethod.SEARCH : LinkMethod.ISRC,
      score: i % 4 === 0 ? 0.8 : 1,
    }));
    await catalog.applyLinks(links, 'bench', 'replace');
  }
  const links = await catalog.linksByWorkIds(linked.map((i) => workIdOf.get(`bench-${i}`)!));
  await music.applyTrackAttributes(
    links.map((l) => ({
      trackId: l.trackId,
      popularity: popularityOf(Number(l.spotifyTrackId.slice(1))),
      isrc: null,
    })),
  );
  const artistIds = await music.upsertSpotifyArtists(
    Array.from({ length: ARTISTS }, (_, a) => ({ spotifyId: spotifyId('A', a), name: artistName(a) })),
  );
  await music.applyArtistAttributes(
    Array.from({ length: ARTISTS }, (_, a) => ({
      artistId: artistIds.get(spotifyId('A', a))!,
      genres: genresOf(a),
      genreSource: 'SPOTIFY' as const,
      popularity: null,
      followers: null,
      images: [],
      externalUrl: null,
    })),
  );
}

async function main(): Promise<void> {
  const db = await benchDatabase();
  const pool = new Pool({ connectionString: db.url, max: CONNECTIONS, application_name: 'bench-baseline' });
  const service = await startBenchApp(db.url, {
    API_KEYS: 'reader:bench-reader-key-0123456789',
    ROLE: 'api',
  });
  const seedStarted = Date.now();
  await seed(service.app.get(CatalogService), service.app.get(MusicService));
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  // Statistics, as autovacuum would have them on a settled database: without them the fresh tables get poor plans.
  await pool.query('ANALYZE');
  const counts = (
    await pool.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM work) AS works, (SELECT count(*)::int FROM work_link) AS links,
         (SELECT count(*)::int FROM track WHERE popularity IS NOT NULL) AS "tracksWithPopularity",
         (SELECT count(*)::int FROM track_artist) AS credits,
         (SELECT count(*)::int FROM artist WHERE cardinality(genres) > 0) AS "artistsWithGenres"`,
    )
  ).rows[0];
  process.stdout.write(`  seeded in ${seedSeconds.toFixed(1)} s: ${JSON.stringify(counts)}\n`);

  const post = async <T>(body: object): Promise<{ data?: T; errors?: unknown[] }> => {
    const res = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { data?: T; errors?: unknown[] };
  };
  // The SQL statements the app counted for OPERATION so far (its histogram's sum and count).
  const statements = async (): Promise<{ sum: number; count: number }> => {
    const text = await (await fetch(`${service.url}/metrics`)).text();
    const read = (suffix: string) =>
      Number(
        new RegExp(
          `^soundgraph_graphql_sql_statements_${suffix}\\{operation="${OPERATION}"\\} (\\S+)$`,
          'm',
        ).exec(text)?.[1] ?? 0,
      );
    return { sum: read('sum'), count: read('count') };
  };

  // Where each page starts, walked through the API itself: undefined for the first page, then each endCursor.
  const starts: (string | undefined)[] = [undefined];
  for (;;) {
    const { data, errors } = await post<{
      works: { pageInfo: { endCursor: string | null; hasNextPage: boolean } };
    }>({ query: CURSORS_QUERY, variables: { after: starts.at(-1) } });
    if (errors || !data) throw new Error(`cursor walk failed: ${JSON.stringify(errors)}`);
    if (!data.works.pageInfo.hasNextPage) break;
    starts.push(data.works.pageInfo.endCursor!);
  }
  const keysets = starts.map((s) => {
    const k = s === undefined ? undefined : decodeCursor(s);
    return [k?.micros ?? null, k?.id ?? null];
  });

  // Every page once, sequentially (also the warm-up): GraphQL and the baseline must return the same data, and the
  // histogram's growth is the statements of that one request.
  const perRequest = (first: number, index: number) => async (): Promise<number> => {
    const before = await statements();
    const { data, errors } = await post<{ works: { edges: { node: WorkNode }[] } }>({
      operationName: OPERATION,
      query: QUERY,
      variables: { first, after: starts[index] },
    });
    const after = await statements();
    if (errors || !data) throw new Error(`page ${index} failed: ${JSON.stringify(errors)}`);
    if (first === PAGE) {
      const nodes = data.works.edges.map((e) => e.node);
      const rows = (await pool.query<SqlRow>(SQL, keysets[index])).rows;
      const fromSql = rows.map((r) => ({
        id: r.id,
        title: r.title,
        spotifyLink: r.trackId ? { trackId: r.trackId, confidence: r.confidence! } : null,
        track: r.trackId ? { popularity: r.popularity, artists: r.artists ?? [] } : null,
      }));
      if (nodes.length !== PAGE || JSON.stringify(nodes) !== JSON.stringify(fromSql)) {
        throw new Error(`page ${index}: GraphQL and the SQL baseline differ`);
      }
    }
    if (after.count !== before.count + 1)
      throw new Error('the statement histogram did not record the request');
    return after.sum - before.sum;
  };
  const statementsPerPage: number[] = [];
  for (let i = 0; i < starts.length; i++) statementsPerPage.push(await perRequest(PAGE, i)());
  const statementsSmallPage: number[] = [];
  for (let i = 0; i < starts.length; i += 10) statementsSmallPage.push(await perRequest(10, i)());
  const range = (xs: number[]) =>
    Math.min(...xs) === Math.max(...xs) ? `${xs[0]}` : `${Math.min(...xs)}–${Math.max(...xs)}`;

  const pickPage = () => Math.floor(Math.random() * starts.length);
  let graphqlErrors = 0;
  const duringRun = await statements();
  const graphql = await autocannon({
    url: service.url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({
            operationName: OPERATION,
            query: QUERY,
            variables: { first: PAGE, after: starts[pickPage()] },
          }),
        }),
        onResponse: (status, body) => {
          if (status === 200 && body.includes('"errors"')) graphqlErrors++;
        },
      },
    ],
  });
  const afterRun = await statements();
  const meanStatements = (afterRun.sum - duringRun.sum) / Math.max(1, afterRun.count - duringRun.count);

  // Baseline: the same pages through pg, CONNECTIONS loops for the same time.
  const latencies = await sqlBaseline(CONNECTIONS, DURATION_S, () => pool.query(SQL, keysets[pickPage()]));

  await service.close();
  pool.on('error', () => undefined); // the server stops under idle clients that pg-pool has not yet released
  await pool.end();
  await db.stop();

  const graphqlRate = graphql.requests.average;
  const sqlRate = latencies.length / DURATION_S;
  report(
    [
      {
        measure: `GraphQL works(first: ${PAGE}) nested page throughput (${WORKS} works, random pages)`,
        value: Math.round(graphqlRate),
        unit: 'req/s',
      },
      { measure: 'GraphQL latency p50', value: graphql.latency.p50, unit: 'ms' },
      { measure: 'GraphQL latency p99', value: graphql.latency.p99, unit: 'ms' },
      {
        measure: 'GraphQL errors, non-2xx and responses with errors',
        value: graphql.errors + graphql.non2xx + graphqlErrors,
        unit: 'responses',
        target: '0',
      },
      {
        measure: `SQL statements per GraphQL request, first: 10 / first: ${PAGE} (every page)`,
        value: `${range(statementsSmallPage)} / ${range(statementsPerPage)}`,
        unit: 'statements',
        target: 'the same (flat)',
      },
      {
        measure: 'SQL statements per GraphQL request, mean under load',
        value: Number(meanStatements.toFixed(2)),
        unit: 'statements',
      },
      { measure: 'plain pg join throughput (same pages)', value: Math.round(sqlRate), unit: 'queries/s' },
      {
        measure: 'plain pg join latency p50',
        value: Number(percentile(latencies, 50).toFixed(2)),
        unit: 'ms',
      },
      {
        measure: 'plain pg join latency p99',
        value: Number(percentile(latencies, 99).toFixed(2)),
        unit: 'ms',
      },
      {
        measure: 'plain pg join / GraphQL throughput',
        value: Number((sqlRate / graphqlRate).toFixed(1)),
        unit: 'x',
      },
    ],
    {
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      pages: starts.length,
      seeded: counts,
      seedSeconds,
      graphqlRequests: graphql.requests.total,
      sqlQueries: latencies.length,
    },
  );
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
