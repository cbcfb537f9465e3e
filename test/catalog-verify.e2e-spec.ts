import { SpotifyCatalog } from '../src/sandbox/spotify';
import { JobsService } from '../src/jobs/jobs.service';
import { adminQueryIn, createTestApp, TestApp } from './support/test-app';

const catalog = SpotifyCatalog.generate();
const rue = catalog.artistById(catalog.known.rueDeVivreArtistId)!;

describe('link verification', () => {
  let app: TestApp;
  let works: { id: string; trackId: string }[];

  beforeAll(async () => {
    app = await createTestApp();
    const tracks = catalog.tracksByArtist(rue.id).slice(0, 60);
    const res = await app.gql<{ createWorks: { id: string }[] }>(
      'mutation($input: [CreateWorkInput!]!) { createWorks(input: $input) { id } }',
      { input: tracks.map((t, i) => ({ title: t.name, artistName: rue.name, externalId: `V-${i}` })) },
    );
    works = res.data!.createWorks.map((w, i) => ({ id: w.id, trackId: tracks[i].id }));
    for (const w of works) {
      await app.gql('mutation($input: LinkWorkInput!) { linkWork(input: $input) { id } }', {
        input: { workId: w.id, spotifyTrack: w.trackId },
      });
    }
  }, 60_000);
  afterAll(() => app?.close());

  it('marks links verified, reports vanished and changed tracks, and unlinks nothing', async () => {
    const [gone, renamed] = works;
    // Spotify no longer knowing a track, and a track renamed since it was linked, as seen from our side:
    await adminQueryIn(
      app.databaseUrl,
      `UPDATE work_link SET spotify_track_id = 'GoneTrack0000000000000' WHERE work_id = $1`,
      [gone.id],
    );
    await adminQueryIn(
      app.databaseUrl,
      `UPDATE work_link SET linked_track_name = 'Old Title' WHERE work_id = $1`,
      [renamed.id],
    );
    const emulator = app.runtime.sandbox.spotifyEmulator!;
    emulator.clearRequestLog();

    const started = await app.gql<{ verifyLinks: { id: string } }>('mutation { verifyLinks { id } }');
    const run = await app.app.get(JobsService).waitFor(started.data!.verifyLinks.id, { timeoutMs: 30_000 });
    expect(run.status).toBe('SUCCEEDED');
    const report = run.result as {
      checked: number;
      ok: number;
      vanished: { workId: string }[];
      mismatched: { workId: string; note: string }[];
    };
    expect(report.checked).toBe(60);
    expect(report.ok).toBe(58);
    expect(report.vanished.map((f) => f.workId)).toEqual([gone.id]);
    expect(report.mismatched.map((f) => f.workId)).toEqual([renamed.id]);
    expect(report.mismatched[0].note).toContain('was "Old Title"');
    // in batches: 60 links → two multi-gets in extended mode
    expect(emulator.requestLog().filter((r) => r.path === '/v1/tracks').length).toBe(2);

    const state = await adminQueryIn<{ verification: string; n: number; verified: number }>(
      app.databaseUrl,
      `SELECT verification, count(*)::int AS n, count(verified_at)::int AS verified FROM work_link GROUP BY verification ORDER BY verification`,
    );
    expect(state).toEqual([
      { verification: 'MISMATCH', n: 1, verified: 1 },
      { verification: 'OK', n: 58, verified: 58 },
      { verification: 'VANISHED', n: 1, verified: 1 },
    ]);
    const link = await app.gql<{ work: { spotifyLink: { verification: string; verifiedAt: string } } }>(
      'query($id: ID!) { work(id: $id) { spotifyLink { verification verifiedAt } } }',
      { id: gone.id },
    );
    expect(link.data?.work.spotifyLink.verification).toBe('VANISHED');
    expect(link.data?.work.spotifyLink.verifiedAt).toBeTruthy();
  });

  it('still reports a rename that another part of the service stored on the track first', async () => {
    const [, , renamed] = works;
    const spotifyName = catalog.trackById(renamed.trackId)!.name;
    // As it was right after linking, when Spotify still called the track "Before The Rename":
    await adminQueryIn(
      app.databaseUrl,
      `UPDATE work_link SET linked_track_name = 'Before The Rename' WHERE work_id = $1`,
      [renamed.id],
    );
    await adminQueryIn(app.databaseUrl, `UPDATE track SET name = 'Before The Rename' WHERE spotify_id = $1`, [
      renamed.trackId,
    ]);
    // Spotify renamed it since; another work linked to the same track stores the new name on the shared row.
    const other = await app.gql<{ createWorks: { id: string }[] }>(
      'mutation($input: [CreateWorkInput!]!) { createWorks(input: $input) { id } }',
      { input: [{ title: spotifyName, artistName: rue.name, externalId: 'V-later' }] },
    );
    const laterId = other.data!.createWorks[0].id;
    const linked = await app.gql('mutation($input: LinkWorkInput!) { linkWork(input: $input) { id } }', {
      input: { workId: laterId, spotifyTrack: renamed.trackId },
    });
    expect(linked.errors).toBeUndefined();
    const [row] = await adminQueryIn<{ name: string }>(
      app.databaseUrl,
      'SELECT name FROM track WHERE spotify_id = $1',
      [renamed.trackId],
    );
    expect(row.name).toBe(spotifyName);

    const started = await app.gql<{ verifyLinks: { id: string } }>('mutation { verifyLinks { id } }');
    const run = await app.app.get(JobsService).waitFor(started.data!.verifyLinks.id, { timeoutMs: 30_000 });
    expect(run.status).toBe('SUCCEEDED');
    const report = run.result as { mismatched: { workId: string; note: string }[] };
    // the first work was linked under the old name: reported; the later one under the new name: fine
    const mismatched = report.mismatched.map((f) => f.workId);
    expect(mismatched).toContain(renamed.id);
    expect(mismatched).not.toContain(laterId);
    expect(report.mismatched.find((f) => f.workId === renamed.id)!.note).toBe(
      `was "Before The Rename" by ${rue.name}; now "${spotifyName}" by ${rue.name}`,
    );
  });
});
