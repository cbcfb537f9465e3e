import { classifyMatch, KEPT_CANDIDATES } from './match-classifier';
import type { MatchCandidate, MatchResult, WorkToMatch } from './matching.types';

const cafe: WorkToMatch = { title: 'Café de Flore', artistName: 'Rue De Vivre', durationMs: 268_854 };
const copy = (trackId: string, durationMs: number, isrc: string | null = 'FRZ030400001'): MatchCandidate => ({
  trackId,
  name: 'Café de Flore',
  artists: ['Rue De Vivre'],
  durationMs,
  isrc,
});
// The seeded catalog's Café de Flore: one recording on a single, an album and a deluxe edition, plus versions.
const single = copy('single', 269_224);
const album = copy('album', 268_854);
const deluxe = copy('deluxe', 268_447);
const remaster = { ...copy('remaster', 267_726, 'FRZ031100004'), name: 'Café de Flore - Remastered 2011' };
const radioEdit = { ...copy('radio-edit', 245_684, 'FRZ030400013'), name: 'Café de Flore - Radio Edit' };

const chosenId = (result: MatchResult) => (result.outcome === 'LINKED' ? result.chosen.trackId : null);

describe('classifyMatch', () => {
  describe('ISRC answers', () => {
    it('links HIGH to one of the copies and never calls copies a tie', () => {
      const result = classifyMatch({ ...cafe, isrc: 'FRZ030400001' }, [single, deluxe, album], {
        isrcMatched: true,
      });
      expect(result).toMatchObject({ outcome: 'LINKED', method: 'ISRC', confidence: 'HIGH' });
      // All three are within 2 s of the work: equal scores keep the search's (popularity) order.
      expect(chosenId(result)).toBe('single');
      expect(result.candidates.map((c) => c.trackId)).toEqual(['single', 'deluxe', 'album']);
    });

    it('picks the best-scoring copy', () => {
      const monoCompilation = { ...copy('compilation', 290_000), name: 'Café de Flore (Mono)' };
      const result = classifyMatch({ ...cafe, isrc: 'FRZ030400001' }, [monoCompilation, album], {
        isrcMatched: true,
      });
      expect(chosenId(result)).toBe('album');
    });

    it('links HIGH whatever the title says', () => {
      const work = { title: 'Cafe de Flor', artistName: 'RDV', isrc: 'FR-Z03-04-00001' };
      expect(classifyMatch(work, [single], { isrcMatched: true })).toMatchObject({
        outcome: 'LINKED',
        method: 'ISRC',
      });
    });

    it('trusts an ISRC answer whose tracks carry no ISRC', () => {
      const result = classifyMatch({ ...cafe, isrc: 'FRZ030400001' }, [copy('a', 268_000, null)], {
        isrcMatched: true,
      });
      expect(result).toMatchObject({ outcome: 'LINKED', method: 'ISRC' });
    });

    it('does not trust tracks that show another ISRC, and scores them instead', () => {
      const result = classifyMatch({ ...cafe, isrc: 'FRZ030400001' }, [remaster], { isrcMatched: true });
      expect(result).toMatchObject({ outcome: 'LINKED', method: 'SEARCH' });
    });

    it('recognises the work ISRC among text search results', () => {
      const result = classifyMatch({ ...cafe, isrc: 'FRZ030400013', durationMs: null }, [album, radioEdit], {
        isrcMatched: false,
      });
      expect(result).toMatchObject({ outcome: 'LINKED', method: 'ISRC' });
      expect(chosenId(result)).toBe('radio-edit');
    });
  });

  describe('text search answers', () => {
    it('links HIGH when the best score reaches 0.9', () => {
      const result = classifyMatch(cafe, [radioEdit, remaster, single, album, deluxe], {
        isrcMatched: false,
      });
      expect(result).toMatchObject({ outcome: 'LINKED', method: 'SEARCH', confidence: 'HIGH' });
      expect(['single', 'album', 'deluxe']).toContain(chosenId(result));
    });

    it('links MEDIUM between 0.75 and 0.9', () => {
      const result = classifyMatch({ ...cafe, durationMs: 268_854 + 26_000 }, [album], {
        isrcMatched: false,
      });
      expect(result).toMatchObject({ outcome: 'LINKED', confidence: 'MEDIUM' });
      if (result.outcome === 'LINKED') expect(result.chosen.score).toBeLessThan(0.9);
    });

    it('links nothing below 0.75 and keeps the candidates for review', () => {
      const result = classifyMatch({ ...cafe, title: 'Café de Flore - Live' }, [album, radioEdit], {
        isrcMatched: false,
      });
      expect(result.outcome).toBe('NO_MATCH');
      expect(result.candidates).toHaveLength(2);
      expect(classifyMatch(cafe, [], { isrcMatched: false })).toEqual({
        outcome: 'NO_MATCH',
        candidates: [],
      });
    });

    it('prefers the plain recording to its remaster for a plain title, and the remaster when named', () => {
      expect(chosenId(classifyMatch(cafe, [remaster, album], { isrcMatched: false }))).toBe('album');
      const named = { ...cafe, title: 'Café de Flore (2011 Remaster)', durationMs: null };
      expect(chosenId(classifyMatch(named, [album, remaster], { isrcMatched: false }))).toBe('remaster');
    });

    it('counts a track answered twice once', () => {
      const result = classifyMatch(cafe, [album, album, single], { isrcMatched: false });
      expect(result.candidates.map((c) => c.trackId)).toEqual(['album', 'single']);
    });
  });

  describe('ties', () => {
    // The seeded catalog has no natural tie, so it is constructed here: the same song uploaded twice, under two
    // ISRCs (or none), same duration. The accuracy fixture builds the same case into a copy of the catalog.
    it('is AMBIGUOUS when two different recordings score within 0.02, and keeps both', () => {
      const upload = copy('upload', 268_854, 'QZES72600001');
      const result = classifyMatch(cafe, [album, upload], { isrcMatched: false });
      expect(result.outcome).toBe('AMBIGUOUS');
      expect(result.candidates.map((c) => c.trackId).sort()).toEqual(['album', 'upload']);
    });

    it('is AMBIGUOUS when nothing says two look-alikes are one recording (no ISRC)', () => {
      const result = classifyMatch(cafe, [copy('a', 268_854, null), copy('b', 268_854, null)], {
        isrcMatched: false,
      });
      expect(result.outcome).toBe('AMBIGUOUS');
    });

    it('is AMBIGUOUS at exactly 0.02 apart, and not beyond', () => {
      // 4.8 s off costs 0.2 * (4.8 - 2) / 28 = 0.02 of duration credit; 5 s off costs 0.0214.
      const at = (ms: number) => copy(`off-${ms}`, 268_854 + ms, 'QZES72600002');
      expect(classifyMatch(cafe, [album, at(4_800)], { isrcMatched: false }).outcome).toBe('AMBIGUOUS');
      expect(classifyMatch(cafe, [album, at(5_000)], { isrcMatched: false }).outcome).toBe('LINKED');
    });

    it('does not count copies of one recording as a tie, but still sees a rival behind them', () => {
      const copies = Array.from({ length: KEPT_CANDIDATES + 1 }, (_, i) => copy(`copy-${i}`, 268_854));
      expect(classifyMatch(cafe, copies, { isrcMatched: false }).outcome).toBe('LINKED');
      const rival = copy('rival', 268_854, 'QZES72600001');
      const result = classifyMatch(cafe, [...copies, rival], { isrcMatched: false });
      expect(result.outcome).toBe('AMBIGUOUS');
      expect(result.candidates).toHaveLength(KEPT_CANDIDATES);
      expect(result.candidates.map((c) => c.trackId)).toContain('rival');
    });
  });
});
