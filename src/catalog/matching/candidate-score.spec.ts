import {
  durationCredit,
  HIGH_THRESHOLD,
  MEDIUM_THRESHOLD,
  normalizeIsrcForMatch,
  parseTitle,
  scoreCandidate,
  titleCredit,
  versionFactor,
  VERSION_FACTORS,
  type MatchCandidate,
  type WorkToMatch,
} from './index';

const work = (overrides: Partial<WorkToMatch> = {}): WorkToMatch => ({
  title: 'Café de Flore',
  artistName: 'Rue De Vivre',
  durationMs: 268_854,
  ...overrides,
});
const track = (overrides: Partial<MatchCandidate> = {}): MatchCandidate => ({
  trackId: 'gvLvo1ULEyfDYbGPhtjVOO',
  name: 'Café de Flore',
  artists: ['Rue De Vivre'],
  durationMs: 268_854,
  isrc: 'FRZ030400001',
  ...overrides,
});

describe('durationCredit', () => {
  it('gives full credit within 2 s and none from 30 s, linear in between', () => {
    expect(durationCredit(0)).toBe(1);
    expect(durationCredit(2_000)).toBe(1);
    expect(durationCredit(16_000)).toBeCloseTo(0.5, 5);
    expect(durationCredit(30_000)).toBe(0);
    expect(durationCredit(120_000)).toBe(0);
  });
});

describe('titleCredit', () => {
  it('ramps from 0 at similarity 0.85 to 1 at 1', () => {
    expect(titleCredit(1)).toBe(1);
    expect(titleCredit(0.925)).toBeCloseTo(0.5, 5);
    expect(titleCredit(0.85)).toBe(0);
    expect(titleCredit(0.3)).toBe(0);
  });
});

describe('versionFactor', () => {
  const factor = (a: string, b: string) => versionFactor(parseTitle(a), parseTitle(b));

  it('is 1 when the qualifiers agree', () => {
    expect(factor('X - Live', 'X (Live at Red Rocks)')).toBe(1);
    expect(factor('X', 'X (feat. Y)')).toBe(1);
  });

  it('punishes a named version the track is not, more than a version the work does not name', () => {
    expect(factor('X - Live', 'X')).toBe(VERSION_FACTORS.missing);
    expect(factor('X - Live', 'X - Acoustic')).toBe(VERSION_FACTORS.missing);
    expect(factor('X', 'X - Radio Edit')).toBe(VERSION_FACTORS.extra);
  });

  it('costs a little when neutral qualifiers differ', () => {
    expect(factor('X', 'X - Remastered 2011')).toBe(VERSION_FACTORS.neutralMismatch);
    expect(factor('X - Remastered', 'X - Remastered 2011')).toBe(1);
  });
});

describe('normalizeIsrcForMatch', () => {
  it('removes dashes and spaces, upper-cases, and maps blanks to null', () => {
    expect(normalizeIsrcForMatch('fr-z03-04-00001')).toBe('FRZ030400001');
    expect(normalizeIsrcForMatch(' ')).toBeNull();
    expect(normalizeIsrcForMatch(undefined)).toBeNull();
  });
});

describe('scoreCandidate', () => {
  it('scores the same song 1 and explains why', () => {
    const { score, evidence } = scoreCandidate(work({ isrc: 'FRZ-030-40-0001' }), track());
    expect(score).toBe(1);
    expect(evidence).toEqual({
      titleSimilarity: 1,
      versionFactor: 1,
      artistMatch: 1,
      durationDiffMs: 0,
      versionTags: { work: [], track: [] },
      isrcMatch: true,
    });
    expect(JSON.parse(JSON.stringify(evidence))).toEqual(evidence);
  });

  it('leaves an unknown duration out instead of counting it as a mismatch', () => {
    expect(scoreCandidate(work({ durationMs: null }), track()).score).toBe(1);
    expect(scoreCandidate(work(), track({ durationMs: null })).evidence.durationDiffMs).toBeNull();
  });

  it('ignores accents, case, punctuation and credits', () => {
    expect(scoreCandidate(work({ title: 'CAFE DE FLORE!' }), track()).score).toBe(1);
    const feat = track({ name: 'Café de Flore (feat. Nordlys)', artists: ['Rue De Vivre', 'Nordlys'] });
    expect(scoreCandidate(work(), feat).score).toBe(1);
  });

  it('never links the right title by another artist', () => {
    const other = track({ artists: ['Ivy Mercer'] });
    expect(scoreCandidate(work(), other).score).toBeLessThan(MEDIUM_THRESHOLD);
    expect(scoreCandidate(work({ durationMs: null }), other).score).toBeLessThan(MEDIUM_THRESHOLD);
  });

  it('never links another song of the same artist', () => {
    const other = track({ name: 'Café immobile' });
    expect(scoreCandidate(work(), other).score).toBeLessThan(MEDIUM_THRESHOLD);
    const part2 = track({ name: 'Café de Flore, Pt. 2' });
    expect(scoreCandidate(work({ durationMs: null }), part2).score).toBeLessThan(MEDIUM_THRESHOLD);
  });

  it('never links a named version to the studio recording', () => {
    const live = work({ title: 'Café de Flore - Live' });
    expect(scoreCandidate(live, track()).score).toBeLessThan(MEDIUM_THRESHOLD);
    expect(scoreCandidate({ ...live, durationMs: null }, track()).score).toBeLessThan(MEDIUM_THRESHOLD);
  });

  it('prefers the plain recording to its remaster by more than a tie', () => {
    const remaster = track({ name: 'Café de Flore - Remastered 2011', durationMs: 267_726 });
    const plain = scoreCandidate(work(), track()).score;
    const remastered = scoreCandidate(work(), remaster).score;
    expect(remastered).toBeGreaterThanOrEqual(HIGH_THRESHOLD);
    expect(plain - remastered).toBeGreaterThan(0.02);
  });

  it('lets the duration pick a version the plain title does not name', () => {
    const radioEdit = track({
      name: 'Café de Flore - Radio Edit',
      durationMs: 245_684,
      isrc: 'FRZ030400013',
    });
    const atEditLength = work({ durationMs: 245_684 });
    expect(scoreCandidate(atEditLength, radioEdit).score).toBeGreaterThan(
      scoreCandidate(atEditLength, track()).score + 0.02,
    );
    // Without a duration the plain title keeps the studio recording.
    const noDuration = work({ durationMs: null });
    expect(scoreCandidate(noDuration, track()).score).toBeGreaterThan(
      scoreCandidate(noDuration, radioEdit).score + 0.02,
    );
  });
});
