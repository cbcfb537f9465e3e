// Accuracy of the auto-linker's matching (issue 4) against the emulator's seeded catalog. Pure: the two searches run
// on the emulator's search index in memory, no HTTP and no database.
import { SpotifyCatalog } from 'src/sandbox/spotify';
import {
  catalogAccuracyFixture,
  createLinkSimulator,
  measureAccuracy,
  tieAccuracyFixture,
  type AccuracyReport,
} from 'test/fixtures/catalog-accuracy.fixture';

describe('catalog matching accuracy', () => {
  const catalog = SpotifyCatalog.generate();
  const works = catalogAccuracyFixture(catalog);
  let report: AccuracyReport;

  beforeAll(() => {
    report = measureAccuracy(catalog);
  });

  it('covers every case the issue lists', () => {
    expect(works.length).toBeGreaterThanOrEqual(60);
    expect(works.filter((w) => w.expectedTrackId === null).length).toBeGreaterThanOrEqual(10);
    expect(works.filter((w) => w.isrc !== undefined).length).toBeGreaterThan(0);
    expect(works.filter((w) => w.isrc === undefined && w.expectedTrackId !== null).length).toBeGreaterThan(0);
    for (const category of Object.keys(report.byCategory) as (keyof AccuracyReport['byCategory'])[]) {
      expect([category, report.byCategory[category].works > 0]).toEqual([category, true]);
    }
    expect(new Set(works.map((w) => w.externalId)).size).toBe(works.length);
  });

  it('knows every expected track, and every ISRC work accepts each copy of its recording', () => {
    for (const work of works.filter((w) => w.expectedTrackId !== null)) {
      expect(work.acceptableTrackIds).toContain(work.expectedTrackId);
      const isrcs = new Set(work.acceptableTrackIds.map((id) => catalog.trackById(id)?.isrc));
      expect(isrcs.size).toBe(1);
    }
  });

  it('links HIGH only to the true match', () => {
    expect(report.linked.HIGH.incorrect).toBe(0);
    expect(report.linked.HIGH.correct).toBeGreaterThan(0);
  });

  it('links at least 95% of the works that have a true match, to it', () => {
    expect(report.trueMatchRate).toBeGreaterThanOrEqual(0.95);
  });

  it('links MEDIUM only to the true match', () => {
    expect(report.linked.MEDIUM.incorrect).toBe(0);
  });

  it('links no work that has no true match', () => {
    expect(report.falseLinks).toBe(0);
    expect(report.byCategory['no-match'].unmatched).toBe(report.byCategory['no-match'].works);
  });

  it('leaves ties AMBIGUOUS, with both candidates kept for review', () => {
    expect(report.ties.works).toBeGreaterThan(0);
    expect(report.ties.ambiguous).toBe(report.ties.works);
    const tie = tieAccuracyFixture(catalog);
    const link = createLinkSimulator(tie.catalog);
    for (const work of tie.works) {
      const { result } = link(work);
      expect(result.outcome).toBe('AMBIGUOUS');
      // The original and its duplicate upload: two recordings (two ISRCs), equally good.
      expect(new Set(result.candidates.map((c) => c.isrc)).size).toBe(2);
      expect(result.candidates.every((c) => c.score === 1)).toBe(true);
    }
  });

  it('makes at most two searches per work, one when the ISRC is found', () => {
    expect(report.searches.maxPerWork).toBeLessThanOrEqual(2);
    const link = createLinkSimulator(catalog);
    for (const work of works.filter((w) => w.category === 'isrc')) {
      expect(link(work).searches).toBe(1);
    }
  });

  it('misses nothing else', () => {
    expect(report.misses).toEqual([]);
  });
});
