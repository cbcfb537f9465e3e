import { SpotifyCatalog } from '../src/sandbox/spotify';
import { adminQueryIn, createTestApp, TestApp } from './support/test-app';

const catalog = SpotifyCatalog.generate();
const known = catalog.known;
const rue = catalog.artistById(known.rueDeVivreArtistId)!;
const remaster = catalog.trackById(known.remasterTrackId)!;

const WORK = 'id title artistName isrc durationMs externalId';
const LINK = 'trackId url confidence method score albumName linkedAt verifiedAt verification';

type Work = Record<string, unknown> & { id: string };

describe('catalog: works and links', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  /** Every work this file created: the whole catalog of its database. */
  const created = new Set<string>();
  const create = async (input: Record<string, unknown>[]) => {
    const res = await app.gql<{ createWorks: Work[] }>(
      `mutation($input: [CreateWorkInput!]!) { createWorks(input: $input) { ${WORK} } }`,
      {
        input,
      },
    );
    for (const w of res.data?.createWorks ?? []) created.add(w.id);
    return res;
  };

  it('creates works, normalises ISRCs, and upserts by externalId', async () => {
    const first = await create([
      { title: 'Café de Flore', artistName: 'Rue De Vivre', isrc: 'fr-z03-04-00001', externalId: 'RDV-1' },
      { title: 'Unlisted Song', artistName: 'Rue De Vivre' },
    ]);
    expect(first.errors).toBeUndefined();
    expect(first.data?.createWorks[0]).toMatchObject({
      isrc: 'FRZ030400001',
      externalId: 'RDV-1',
      durationMs: null,
    });
    const again = await create([
      { title: 'Café de Flore', artistName: 'Rue De Vivre', durationMs: 201000, externalId: 'RDV-1' },
    ]);
    expect(again.data?.createWorks[0]).toMatchObject({
      id: first.data!.createWorks[0].id,
      durationMs: 201000,
      isrc: 'FRZ030400001',
    });
    const repeat = await create([{ title: 'unlisted song', artistName: 'rue de vivre' }]);
    expect(repeat.data?.createWorks[0]?.id).toBe(first.data!.createWorks[1].id);
  });

  it('writes nothing when one work of a call is bad, and names it', async () => {
    const before = (await app.gql<{ works: { totalCount: number } }>('{ works { totalCount } }')).data!.works
      .totalCount;
    const res = await create([
      { title: 'Fine', artistName: 'A' },
      { title: 'Bad ISRC', artistName: 'A', isrc: 'XX' },
    ]);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input[1].isrc' });
    const negative = await create([{ title: 'Neg', artistName: 'A', durationMs: -1 }]);
    expect(negative.errors?.[0]?.message).toBe('input[0].durationMs: must not be negative');
    const after = (await app.gql<{ works: { totalCount: number } }>('{ works { totalCount } }')).data!.works
      .totalCount;
    expect(after).toBe(before);
  });

  it('rejects more than 1000 works in one call', async () => {
    const input = Array.from({ length: 1001 }, (_, i) => ({ title: `T${i}`, artistName: 'Bulk' }));
    const res = await create(input);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
    expect(res.errors?.[0]?.message).toContain('at most 1000 works per call');
  });

  it('links a work by id, URI or URL after checking the track exists, and keeps the history', async () => {
    const [work] = (await create([{ title: remaster.name, artistName: rue.name, externalId: 'RDV-REM' }]))
      .data!.createWorks;
    const link = (ref: string) =>
      app.gql<{ linkWork: { spotifyLink: Record<string, unknown>; track: Record<string, unknown> } }>(
        `mutation($input: LinkWorkInput!) { linkWork(input: $input) { id spotifyLink { ${LINK} }
          track { spotifyId name isrc durationMs artists { spotifyId name } } } }`,
        { input: { workId: work.id, spotifyTrack: ref } },
      );
    const byUrl = await link(`https://open.spotify.com/track/${remaster.id}?si=abc`);
    expect(byUrl.errors).toBeUndefined();
    expect(byUrl.data?.linkWork.spotifyLink).toMatchObject({
      trackId: remaster.id,
      url: `https://open.spotify.com/track/${remaster.id}`,
      confidence: 'HIGH',
      method: 'MANUAL',
      score: null,
      albumName: catalog.albumById(remaster.albumId)!.name,
    });
    expect(byUrl.data?.linkWork.track).toMatchObject({
      spotifyId: remaster.id,
      name: remaster.name,
      isrc: remaster.isrc,
      durationMs: remaster.durationMs,
      artists: [{ spotifyId: rue.id, name: rue.name }],
    });
    const other = catalog.tracksByArtist(rue.id).find((t) => t.id !== remaster.id)!;
    expect((await link(`spotify:track:${other.id}`)).errors).toBeUndefined();
    expect((await link(remaster.id)).errors).toBeUndefined();

    const history = await app.gql<{
      work: { linkHistory: { action: string; trackId: string; actor: string }[] };
    }>('query($id: ID!) { work(id: $id) { linkHistory { action trackId method actor at } } }', {
      id: work.id,
    });
    expect(history.data?.work.linkHistory.map((e) => [e.action, e.trackId])).toEqual([
      ['LINKED', remaster.id],
      ['UNLINKED', remaster.id],
      ['LINKED', other.id],
      ['UNLINKED', other.id],
      ['LINKED', remaster.id],
    ]);
    expect(history.data?.work.linkHistory[0]?.actor).toBe('api:operator');

    const unlinked = await app.gql<{ unlinkWork: { spotifyLink: unknown } }>(
      'mutation($id: ID!) { unlinkWork(workId: $id) { spotifyLink { trackId } } }',
      { id: work.id },
    );
    expect(unlinked.data?.unlinkWork.spotifyLink).toBeNull();
  });

  it('refuses unknown tracks, malformed references and unknown works, writing nothing', async () => {
    const [work] = (await create([{ title: 'Nothing Yet', artistName: 'Nobody', externalId: 'NONE-1' }]))
      .data!.createWorks;
    const link = (workId: string, spotifyTrack: string) =>
      app.gql('mutation($input: LinkWorkInput!) { linkWork(input: $input) { id } }', {
        input: { workId, spotifyTrack },
      });
    const unknown = await link(work.id, '0000000000000000000000');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'spotifyTrack' });
    expect(unknown.errors?.[0]?.message).toContain('track not found');
    const written = await adminQueryIn(
      app.databaseUrl,
      `SELECT (SELECT count(*)::int FROM work_link WHERE work_id = $1) AS links,
         (SELECT count(*)::int FROM track WHERE spotify_id = '0000000000000000000000') AS tracks`,
      [work.id],
    );
    expect(written[0]).toEqual({ links: 0, tracks: 0 });
    const malformed = await link(work.id, 'https://open.spotify.com/album/nope');
    expect(malformed.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'spotifyTrack',
    });
    const unknownWork = '9b2f7c1e-0000-4000-8000-000000000000';
    const missing = await link(unknownWork, remaster.id);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const unlinkMissing = await app.gql('mutation($id: ID!) { unlinkWork(workId: $id) { id } }', {
      id: unknownWork,
    });
    expect(unlinkMissing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const acceptMissing = await app.gql(
      'mutation($w: ID!, $t: String!) { acceptLinkCandidate(workId: $w, trackId: $t) { id } }',
      { w: unknownWork, t: remaster.id },
    );
    expect(acceptMissing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const rows = await adminQueryIn(
      app.databaseUrl,
      'SELECT count(*)::int AS n FROM work_link_event WHERE work_id = $1',
      [work.id],
    );
    expect(rows[0]).toEqual({ n: 0 });
  });

  it('pages through works created together (same timestamp) without repeating or skipping any', async () => {
    const created = (
      await create(
        Array.from({ length: 5 }, (_, i) => ({ title: `Batch ${i}`, artistName: 'Paging Artist' })),
      )
    ).data!.createWorks.map((w) => w.id);
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await app.gql<{
        works: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: Work }[] };
      }>(
        `query($after: String) { works(first: 2, after: $after, filter: { artistName: "Paging Artist" }) {
          pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
        { after },
      );
      seen.push(...res.data!.works.edges.map((e) => e.node.id));
      if (!res.data!.works.pageInfo.hasNextPage) break;
      after = res.data!.works.pageInfo.endCursor;
    }
    expect([...seen].sort()).toEqual([...created].sort());
    expect(new Set(seen).size).toBe(5);
  });

  it('pages works with filters and reports coverage', async () => {
    // one linked work among the file's works; the unlinked ones come oldest first
    const [linked] = (await create([{ title: 'Coverage Linked', artistName: rue.name }])).data!.createWorks;
    const res = await app.gql('mutation($input: LinkWorkInput!) { linkWork(input: $input) { id } }', {
      input: { workId: linked.id, spotifyTrack: remaster.id },
    });
    expect(res.errors).toBeUndefined();
    const coverage = await app.gql<{
      catalogCoverage: { totalWorks: number; linkedWorks: number; coveragePercent: number; unlinked: Work[] };
    }>('{ catalogCoverage { totalWorks linkedWorks coveragePercent unlinked(first: 2) { id title } } }');
    const c = coverage.data!.catalogCoverage;
    const total = created.size;
    expect(total).toBeGreaterThanOrEqual(10);
    expect(c).toMatchObject({
      totalWorks: total,
      linkedWorks: 1,
      coveragePercent: Math.round((1 / total) * 1000) / 10,
    });
    // oldest first: the two works of the first test (created together, so in id order between them)
    expect(c.unlinked.map((w) => w.title).sort()).toEqual(['Café de Flore', 'Unlisted Song']);

    type Page = {
      works: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: Work }[];
      };
    };
    const byArtist = await app.gql<Page>(
      `query($after: String) { works(first: 1, after: $after, filter: { artistName: "rue de vivre", linked: false }) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id artistName } } } }`,
    );
    expect(byArtist.data?.works.totalCount).toBeGreaterThanOrEqual(2);
    expect(byArtist.data?.works.edges).toHaveLength(1);
    const next = await app.gql<Page>(
      `query($after: String) { works(first: 1, after: $after, filter: { artistName: "rue de vivre", linked: false }) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id artistName } } } }`,
      { after: byArtist.data!.works.pageInfo.endCursor },
    );
    expect(next.data?.works.edges[0]?.node.id).not.toBe(byArtist.data?.works.edges[0]?.node.id);
    const badId = await app.gql('{ work(id: "nope") { id } }');
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});
