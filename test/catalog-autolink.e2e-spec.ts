import { SpotifyCatalog } from '../src/sandbox/spotify';
import { JobsService } from '../src/jobs/jobs.service';
import { createTestApp, TestApp } from './support/test-app';

const catalog = SpotifyCatalog.generate();
const known = catalog.known;
const rue = catalog.artistById(known.rueDeVivreArtistId)!;
const cafe = catalog.trackById(known.accentedTrackId)!;
const feat = catalog.trackById(known.featTrackId)!;

type Report = {
  dryRun: boolean;
  examined: number;
  linked: { HIGH: number; MEDIUM: number };
  byMethod: { ISRC: number; SEARCH: number };
  ambiguous: number;
  unmatched: number;
  alreadyLinked: number;
  searches: number;
  proposed?: { workId: string; trackId: string }[];
};

describe('auto-linker', () => {
  let app: TestApp;
  let jobs: JobsService;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await createTestApp();
    jobs = app.app.get(JobsService);
    const res = await app.gql<{ createWorks: { id: string; externalId: string }[] }>(
      'mutation($input: [CreateWorkInput!]!) { createWorks(input: $input) { id externalId } }',
      {
        input: [
          { externalId: 'isrc', title: 'Cafe de Flore', artistName: rue.name, isrc: cafe.isrc },
          {
            externalId: 'search',
            title: feat.name.replace(/ \(feat\..*\)$/, ''),
            artistName: rue.name,
            durationMs: feat.durationMs,
          },
          { externalId: 'none', title: 'A Song Nobody Ever Recorded', artistName: 'The Nonexistents' },
        ],
      },
    );
    for (const w of res.data!.createWorks) ids[w.externalId] = w.id;
  });
  afterAll(() => app?.close());

  const emulator = () => app.runtime.sandbox.spotifyEmulator!;
  const searches = () =>
    emulator()
      .requestLog()
      .filter((r) => r.path === '/v1/search').length;
  const autoLink = async (input: Record<string, unknown>) => {
    const res = await app.gql<{ autoLinkWorks: { id: string; status: string } }>(
      'mutation($input: AutoLinkInput) { autoLinkWorks(input: $input) { id status } }',
      { input },
    );
    expect(res.data?.autoLinkWorks.status).toBe('QUEUED');
    const done = await jobs.waitFor(res.data!.autoLinkWorks.id, { timeoutMs: 30_000 });
    expect(done.status).toBe('SUCCEEDED');
    return done.result as Report;
  };
  const links = async () =>
    (
      await app.gql<{
        works: {
          edges: {
            node: {
              externalId: string;
              spotifyLink: { trackId: string; method: string; confidence: string; score: number } | null;
            };
          }[];
        };
      }>('{ works { edges { node { externalId spotifyLink { trackId method confidence score } } } } }')
    ).data!.works.edges.map((e) => e.node);

  it('changes nothing in a dry run, and reports what it would link', async () => {
    emulator().clearRequestLog();
    const report = await autoLink({ dryRun: true });
    expect(report).toMatchObject({ dryRun: true, examined: 3, unmatched: 1 });
    expect(report.linked.HIGH + report.linked.MEDIUM).toBe(2);
    expect(report.proposed?.map((p) => p.workId).sort()).toEqual([ids.isrc, ids.search].sort());
    expect((await links()).every((w) => w.spotifyLink === null)).toBe(true);
    expect(searches()).toBe(report.searches);
  });

  it('links by ISRC (one search) and by title and artist, keeps candidates for the rest', async () => {
    emulator().clearRequestLog();
    const report = await autoLink({});
    expect(report).toMatchObject({
      dryRun: false,
      examined: 3,
      unmatched: 1,
      ambiguous: 0,
      byMethod: { ISRC: 1, SEARCH: 1 },
    });
    // at most two searches a work, one when the ISRC is known and found
    expect(report.searches).toBeLessThanOrEqual(1 + 2 + 2);
    expect(searches()).toBe(report.searches);

    const byId = new Map((await links()).map((w) => [w.externalId, w.spotifyLink]));
    expect(byId.get('isrc')).toMatchObject({ method: 'ISRC', confidence: 'HIGH' });
    expect(known.sharedIsrcTrackIds).toContain(byId.get('isrc')!.trackId);
    expect(byId.get('search')).toMatchObject({ method: 'SEARCH', trackId: feat.id });
    expect(byId.get('search')!.score).toBeGreaterThanOrEqual(0.75);
    expect(byId.get('none')).toBeNull();
  });

  it('skips works already linked, and leaves the database as it was on a second run', async () => {
    const before = await links();
    const report = await autoLink({ workIds: [ids.isrc, ids.search] });
    expect(report).toMatchObject({ examined: 0, alreadyLinked: 2 });
    const rerun = await autoLink({});
    expect(rerun).toMatchObject({ examined: 1, unmatched: 1 });
    expect(await links()).toEqual(before);
  });

  it('lets an operator accept a kept candidate', async () => {
    // a version Spotify does not have: the other versions of the song are found, none is good enough to link
    const res = await app.gql<{ createWorks: { id: string }[] }>(
      'mutation($input: [CreateWorkInput!]!) { createWorks(input: $input) { id } }',
      { input: [{ title: `${cafe.name} - Acoustic`, artistName: rue.name, externalId: 'weak' }] },
    );
    const workId = res.data!.createWorks[0].id;
    await autoLink({ workIds: [workId] });
    const work = await app.gql<{
      work: {
        spotifyLink: unknown;
        linkCandidates: { trackId: string; score: number; evidence: Record<string, unknown> }[];
      };
    }>(
      'query($id: ID!) { work(id: $id) { spotifyLink { trackId } linkCandidates { trackId score outcome evidence } } }',
      { id: workId },
    );
    expect(work.data?.work.spotifyLink).toBeNull();
    const candidates = work.data!.work.linkCandidates;
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates[0].evidence).toHaveProperty('titleSimilarity');

    const accepted = await app.gql<{
      acceptLinkCandidate: { spotifyLink: { trackId: string; method: string } };
    }>(
      'mutation($w: ID!, $t: String!) { acceptLinkCandidate(workId: $w, trackId: $t) { spotifyLink { trackId method } } }',
      { w: workId, t: candidates[0].trackId },
    );
    expect(accepted.data?.acceptLinkCandidate.spotifyLink).toEqual({
      trackId: candidates[0].trackId,
      method: 'MANUAL',
    });
    const notCandidate = await app.gql(
      'mutation($w: ID!) { acceptLinkCandidate(workId: $w, trackId: "0000000000000000000000") { id } }',
      {
        w: ids.none,
      },
    );
    expect(notCandidate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'trackId' });
  });
});
