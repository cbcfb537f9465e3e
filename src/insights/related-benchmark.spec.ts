import { relatedBenchmark } from './related-benchmark';

const r = (followers: number | null, popularity: number | null) => ({
  spotifyId: 'x'.repeat(22),
  name: 'x',
  followers,
  popularity,
});

describe('relatedBenchmark', () => {
  it('gives the medians of the related artists and the rank of the artist among them', () => {
    expect(
      relatedBenchmark({ followers: 500, popularity: 60 }, [
        r(100, 50),
        r(1000, 70),
        r(300, 65),
        r(2000, 40),
      ]),
    ).toEqual({
      artists: 4,
      medianFollowers: 650,
      medianPopularity: 57.5,
      followersRank: 3,
      popularityRank: 3,
    });
  });

  it('leaves unknown values out, and ranks nothing it cannot compare', () => {
    expect(relatedBenchmark({ followers: null, popularity: 90 }, [r(null, 50), r(10, null)])).toEqual({
      artists: 2,
      medianFollowers: 10,
      medianPopularity: 50,
      followersRank: null,
      popularityRank: 1,
    });
    expect(relatedBenchmark({ followers: 1, popularity: 1 }, [])).toEqual({
      artists: 0,
      medianFollowers: null,
      medianPopularity: null,
      followersRank: null,
      popularityRank: null,
    });
  });
});
