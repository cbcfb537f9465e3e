import { SpotifyCatalog } from '../src/sandbox/spotify';
import { JobsService } from '../src/jobs/jobs.service';
import { CatalogService } from '../src/catalog/catalog.service';
import { LinkConfidence, LinkMethod } from '../src/catalog/link-types';
import { SpotifyService } from '../src/spotify';
import { adminQueryIn, createTestApp, TestApp } from './support/test-app';

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
  skipped: number;
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
      `mutation($w: ID!, $t: String!) { acceptLinkCandidate(workId: $w, trackId: $t) {
        spotifyLink { trackId method confidence score } } }`,
      { w: workId, t: candidates[0].trackId },
    );
    // a manual link: the contract's score is null for MANUAL links, whatever the candidate scored
    expect(accepted.data?.acceptLinkCandidate.spotifyLink).toEqual({
      trackId: candidates[0].trackId,
      method: 'MANUAL',
      confidence: 'HIGH',
      score: null,
    });
    const notCandidate = await app.gql(
      'mutation($w: ID!) { acceptLinkCandidate(workId: $w, trackId: "0000000000000000000000") { id } }',
      {
        w: ids.none,
      },
    );
    expect(notCandidate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'trackId' });
  });

  const history = async (workId: string) =>
    (
      await app.gql<{
        work: { linkHistory: { action: string; trackId: string; method: string; actor: string }[] };
      }>('query($id: ID!) { work(id: $id) { linkHistory { action trackId method actor } } }', { id: workId })
    ).data!.work.linkHistory.map((e) => [e.action, e.trackId, e.method, e.actor]);
  const linkWork = (workId: string, trackId: string) =>
    app.gql<{ linkWork: { spotifyLink: Record<string, unknown> } }>(
      `mutation($input: LinkWorkInput!) { linkWork(input: $input) {
        spotifyLink { trackId method confidence score albumName verification } } }`,
      { input: { workId, spotifyTrack: trackId } },
    );

  it("makes an auto link the operator confirms MANUAL/HIGH, with today's album, and says so in the history", async () => {
    // an album name that changed on Spotify since the auto-linker stored it, and a verification that predates it
    await adminQueryIn(
      app.databaseUrl,
      `UPDATE work_link SET album_name = 'Old Album', verification = 'OK', verified_at = now() WHERE work_id = $1`,
      [ids.search],
    );
    const confirmed = await linkWork(ids.search, feat.id);
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data?.linkWork.spotifyLink).toEqual({
      trackId: feat.id,
      method: 'MANUAL',
      confidence: 'HIGH',
      score: null,
      albumName: catalog.albumById(feat.albumId)!.name,
      verification: null,
    });
    expect(await history(ids.search)).toEqual([
      ['LINKED', feat.id, 'SEARCH', 'auto-linker'],
      ['LINKED', feat.id, 'MANUAL', 'api:operator'],
    ]);
    // the same manual link again changes nothing worth a history entry
    expect((await linkWork(ids.search, feat.id)).errors).toBeUndefined();
    expect(await history(ids.search)).toHaveLength(2);
  });

  it('never replaces a link an operator made while the auto-linker was matching the work', async () => {
    const res = await app.gql<{ createWorks: { id: string }[] }>(
      'mutation($input: [CreateWorkInput!]!) { createWorks(input: $input) { id } }',
      {
        input: [
          {
            title: feat.name.replace(/ \(feat\..*\)$/, ''),
            artistName: rue.name,
            durationMs: feat.durationMs,
            externalId: 'race',
          },
        ],
      },
    );
    const workId = res.data!.createWorks[0].id;
    // the auto-linker's search answers late; the operator links the work meanwhile
    emulator().injectFault({ delayMs: 8_000, count: 1, path: '/v1/search' });
    const started = await app.gql<{ autoLinkWorks: { id: string } }>(
      'mutation($input: AutoLinkInput) { autoLinkWorks(input: $input) { id } }',
      { input: { workIds: [workId] } },
    );
    // the delayed search has arrived once its fault is spent (bounded: the job is queued, a worker takes it)
    for (let waited = 0; emulator().faults().length > 0; waited += 20) {
      if (waited > 20_000) throw new Error('the auto-linker never searched');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await linkWork(workId, cafe.id)).errors).toBeUndefined();
    const run = await jobs.waitFor(started.data!.autoLinkWorks.id, { timeoutMs: 30_000 });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.result).toMatchObject({ examined: 1, skipped: 1, linked: { HIGH: 0, MEDIUM: 0 } });
    expect(await history(workId)).toEqual([['LINKED', cafe.id, 'MANUAL', 'api:operator']]);
    const work = await app.gql<{ work: { spotifyLink: { trackId: string }; linkCandidates: unknown[] } }>(
      'query($id: ID!) { work(id: $id) { spotifyLink { trackId } linkCandidates { trackId } } }',
      { id: workId },
    );
    expect(work.data?.work).toEqual({ spotifyLink: { trackId: cafe.id }, linkCandidates: [] });
  }, 60_000);

  it("writes neither a link nor review candidates for a work already linked when the auto-linker's turn comes", async () => {
    const catalogService = app.app.get(CatalogService);
    const featTrack = (await app.app.get(SpotifyService).forJob().track(feat.id))!;
    const before = await history(ids.isrc);
    const linkedBefore = (await links()).find((w) => w.externalId === 'isrc')!.spotifyLink;
    const written = await catalogService.applyAutoLinks(
      [
        {
          workId: ids.isrc,
          track: featTrack,
          confidence: LinkConfidence.MEDIUM,
          method: LinkMethod.SEARCH,
          score: 0.8,
        },
      ],
      [ids.search],
      [
        {
          workId: ids.search,
          spotifyTrackId: featTrack.id,
          name: featTrack.name,
          artists: [rue.name],
          durationMs: featTrack.duration_ms,
          isrc: null,
          albumName: null,
          score: 0.5,
          evidence: {},
          outcome: 'NO_MATCH',
          rank: 0,
        },
      ],
      'auto-linker',
    );
    expect(written).toEqual({ linked: new Set(), reviewed: new Set() });
    expect((await links()).find((w) => w.externalId === 'isrc')!.spotifyLink).toEqual(linkedBefore);
    expect(await history(ids.isrc)).toEqual(before);
    const candidates = await adminQueryIn(
      app.databaseUrl,
      'SELECT count(*)::int AS n FROM work_link_candidate WHERE work_id = ANY($1::uuid[])',
      [[ids.isrc, ids.search]],
    );
    expect(candidates[0]).toEqual({ n: 0 });
  });
});
