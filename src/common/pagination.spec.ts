import { BadUserInputError } from './domain-errors';
import { decodeCursor, encodeCursor, toConnection } from './pagination';

const ID = '9b2f7c1e-0000-4000-8000-000000000000';

describe('pagination', () => {
  it('round-trips a keyset cursor with microsecond precision', () => {
    const cursor = { micros: '1795310711893123', id: ID };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('rejects a cursor it did not make, naming the argument', () => {
    expect(() => decodeCursor('bm9wZQ', 'after')).toThrow(BadUserInputError);
    expect(() => decodeCursor('bm9wZQ', 'after')).toThrow('after: is not a valid cursor');
    expect(() => decodeCursor(encodeCursor({ micros: '12x', id: ID }))).toThrow('is not a valid cursor');
  });

  it('builds a page from first + 1 rows', () => {
    const rows = [1, 2, 3].map((n) => ({ n, micros: String(n), id: ID }));
    const page = toConnection(
      rows,
      2,
      10,
      (r) => r,
      (r) => r.n,
    );
    expect(page.edges.map((e) => e.node)).toEqual([1, 2]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor({ micros: '2', id: ID }) });
    expect(
      toConnection(
        rows.slice(0, 1),
        2,
        1,
        (r) => r,
        (r) => r.n,
      ).pageInfo.hasNextPage,
    ).toBe(false);
    expect(
      toConnection(
        [],
        2,
        0,
        (r: (typeof rows)[0]) => r,
        (r) => r.n,
      ).pageInfo,
    ).toEqual({
      hasNextPage: false,
      endCursor: null,
    });
  });
});
