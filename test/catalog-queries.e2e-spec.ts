import { SpotifyCatalog } from '../src/sandbox/spotify';
import { createTestApp, TestApp } from './support/test-app';

const catalog = SpotifyCatalog.generate();

function statements(metrics: string, operation: string): { sum: number; count: number } {
  const read = (suffix: string) =>
    Number(
      metrics.match(
        new RegExp(`soundgraph_graphql_sql_statements_${suffix}\\{operation="${operation}"\\} (\\d+)`),
      )?.[1],
    );
  return { sum: read('sum'), count: read('count') };
}

const PAGE = (
  name: string,
  first: number,
) => `query ${name} { works(first: ${first}, filter: { artistName: "Rue De Vivre" }) {
  totalCount edges { node { id title spotifyLink { trackId confidence } linkHistory { action }
    linkCandidates { trackId } track { name isrc artists { name } duplicates { spotifyId } } } } } }`;

describe('catalog queries batch their SQL', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
    const rue = catalog.artistById(catalog.known.rueDeVivreArtistId)!;
    const tracks = catalog.tracksByArtist(rue.id).slice(0, 50);
    const res = await app.gql<{ createWorks: { id: string }[] }>(
      'mutation($input: [CreateWorkInput!]!) { createWorks(input: $input) { id } }',
      { input: tracks.map((t, i) => ({ title: t.name, artistName: rue.name, externalId: `Q-${i}` })) },
    );
    const works = res.data!.createWorks;
    for (const [i, work] of works.entries()) {
      const linked = await app.gql('mutation($input: LinkWorkInput!) { linkWork(input: $input) { id } }', {
        input: { workId: work.id, spotifyTrack: tracks[i].id },
      });
      expect(linked.errors).toBeUndefined();
    }
  }, 60_000);
  afterAll(() => app?.close());

  it('sends as many SQL statements for 50 works as for 5', async () => {
    const small = await app.gql<{ works: { edges: unknown[] } }>(PAGE('SmallPage', 5));
    const large = await app.gql<{ works: { edges: { node: { track: { artists: unknown[] } } }[] } }>(
      PAGE('LargePage', 50),
    );
    expect(small.data?.works.edges).toHaveLength(5);
    expect(large.data?.works.edges).toHaveLength(50);
    expect(large.data?.works.edges.every((e) => e.node.track.artists.length > 0)).toBe(true);

    const metrics = (await app.http().get('/metrics')).text;
    const s = statements(metrics, 'SmallPage');
    const l = statements(metrics, 'LargePage');
    expect(s.count).toBe(1);
    expect(l.count).toBe(1);
    expect(s.sum).toBeGreaterThanOrEqual(5); // the statements are really counted
    expect(l.sum).toBe(s.sum);
    // count + page + one per relation (link, history, candidates, track, artists, duplicates)
    expect(l.sum).toBeLessThanOrEqual(8);
  });

  it('counts the works only when the query selects totalCount', async () => {
    const page = (name: string, fields: string) =>
      app.gql<{ works: { totalCount?: number; edges: unknown[] } }>(
        `query ${name} { works(first: 5, filter: { artistName: "Rue De Vivre" }) { ${fields} } }`,
      );
    const counted = await page('CountedPage', 'totalCount edges { node { id } }');
    const uncounted = await page('UncountedPage', 'edges { node { id } }');
    expect(counted.data?.works).toMatchObject({ totalCount: 50 });
    expect(counted.data?.works.edges).toHaveLength(5);
    expect(uncounted.data?.works.edges).toHaveLength(5);

    const metrics = (await app.http().get('/metrics')).text;
    expect(statements(metrics, 'CountedPage').sum).toBe(2); // count + page
    expect(statements(metrics, 'UncountedPage').sum).toBe(1); // page
  });
});
