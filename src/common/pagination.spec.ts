import { BadUserInputError } from './domain-errors';
import { decodeCursor, encodeCursor, toConnection } from './pagination';

describe('pagination', () => {
  it('round-trips a keyset cursor', () => {
    const cursor = { at: new Date('2026-01-02T03:04:05.678Z'), id: 'abc' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('rejects a cursor it did not make, naming the argument', () => {
    expect(() => decodeCursor('bm9wZQ', 'after')).toThrow(BadUserInputError);
    expect(() => decodeCursor('bm9wZQ', 'after')).toThrow('after: is not a valid cursor');
  });

  it('builds a page from first + 1 rows', () => {
    const page = toConnection([1, 2, 3], 2, 10, (n) => `c${n}`);
    expect(page.edges.map((e) => e.node)).toEqual([1, 2]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: 'c2' });
    expect(toConnection([1], 2, 1, String).pageInfo).toEqual({ hasNextPage: false, endCursor: '1' });
    expect(toConnection([], 2, 0, String).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
