import { PermanentJobError } from 'src/jobs';
import {
  checkApplyCounts,
  checkArtistApplyCounts,
  checkFetchCounts,
  checkFileRows,
} from './enrichment-counts';

describe('enrichment count checks', () => {
  it('pass when the counts add up', () => {
    expect(() => checkFetchCounts({ requested: 5, fetched: 4, unknownIds: 1 })).not.toThrow();
    expect(() => checkApplyCounts({ rows: 6, updated: 2, unchanged: 2, missing: 1, empty: 1 })).not.toThrow();
    expect(() => checkFileRows(7, 7)).not.toThrow();
    expect(() => checkArtistApplyCounts({ fetched: 3, updated: 1, unchanged: 1, missing: 1 })).not.toThrow();
  });

  it('fail the job permanently, saying which counts disagree, when they do not', () => {
    const fails = (check: () => void, message: RegExp) => {
      let error: unknown;
      try {
        check();
      } catch (e) {
        error = e;
      }
      // permanent: the queue does not retry a run whose numbers cannot agree
      expect(error).toBeInstanceOf(PermanentJobError);
      expect((error as Error).message).toMatch(message);
    };
    fails(() => checkFetchCounts({ requested: 5, fetched: 4, unknownIds: 0 }), /requested 5 ≠ fetched 4/);
    // a reviewed file naming one track twice: the apply keeps one row of the two
    fails(
      () => checkApplyCounts({ rows: 3, updated: 2, unchanged: 0, missing: 0, empty: 0 }),
      /counts do not add up after 3 rows/,
    );
    fails(() => checkFileRows(119, 120), /the file has 119 rows for 120 tracks requested/);
    fails(
      () => checkArtistApplyCounts({ fetched: 3, updated: 1, unchanged: 1, missing: 0 }),
      /applied 2 ≠ fetched 3/,
    );
  });
});
