import { parseRankingEntry, parseSong, parseSongAudience, spotifyIdsOf } from './soundcharts-json';

describe('Soundcharts answers', () => {
  it('sums a song’s plots per day and keeps each identifier’s value', () => {
    const points = parseSongAudience([
      {
        date: '2025-06-02T00:00:00+02:00',
        plots: [
          { identifier: 'a', value: 10 },
          { identifier: 'b', value: 5 },
        ],
      },
      { date: 'garbage', plots: [{ identifier: 'a', value: 1 }] },
      { date: '2025-01-10T00:00:00+01:00', plots: [{ identifier: 'a', value: 7 }] },
      { date: '2025-06-03T00:00:00+02:00', plots: [] },
    ]);
    expect(points).toEqual([
      {
        day: '2025-06-02',
        value: 15,
        parts: [
          { identifier: 'a', value: 10 },
          { identifier: 'b', value: 5 },
        ],
      },
      { day: '2025-01-10', value: 7 },
    ]);
  });

  it('reads a song defensively and orders Spotify ids default first', () => {
    const song = parseSong({
      uuid: '7D534228-5165-11E9-9375-549F35161576',
      name: 'bad guy',
      isrc: { value: 'us-um7-19-00764' },
      duration: 194,
      genres: [{ root: 'pop', sub: ['electropop', 3] }, { sub: [] }],
      artists: [{ uuid: '11e81bcc-9c1c-ce38-b96b-a0369fe50396', name: 'Billie Eilish' }, { uuid: 'nope' }],
      identifiers: [
        { platformCode: 'spotify', identifier: '1111111111111111111111', default: false },
        { platformCode: 'spotify', identifier: '2222222222222222222222', default: true },
        { platformCode: 'youtube', identifier: 'abc', default: true },
      ],
    });
    expect(song).toMatchObject({
      uuid: '7d534228-5165-11e9-9375-549f35161576',
      isrc: 'USUM71900764',
      genres: [{ root: 'pop', sub: ['electropop'] }],
      artists: [{ uuid: '11e81bcc-9c1c-ce38-b96b-a0369fe50396', name: 'Billie Eilish' }],
    });
    expect(spotifyIdsOf(song!.identifiers!)).toEqual(['2222222222222222222222', '1111111111111111111111']);
    expect(parseSong({ name: 'no uuid' })).toBeUndefined();
  });

  it('skips ranking items without a song uuid or position', () => {
    expect(parseRankingEntry({ song: { uuid: 'x' }, position: 1 })).toBeUndefined();
    expect(
      parseRankingEntry({
        song: { uuid: '7d534228-5165-11e9-9375-549f35161576', name: 'bad guy' },
        position: 3,
        positionEvolution: -1,
        timeOnChart: 12,
        timeOnChartUnit: 'DOC',
      }),
    ).toMatchObject({ position: 3, positionEvolution: -1, timeOnChart: 12, songName: 'bad guy' });
  });
});
