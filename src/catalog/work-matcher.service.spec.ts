import type { SpotifyService, SpotifyTrack } from 'src/spotify';
import type { WorkEntity } from './entities/work.entity';
import { WorkMatcher } from './work-matcher.service';

const track = (id: string, name: string, isrc: string, artist = 'Nadia K'): SpotifyTrack =>
  ({
    id,
    name,
    artists: [{ id: 'Artist0000000000000000', name: artist }],
    duration_ms: 200_000,
    external_ids: { isrc },
    album: { name: 'Morning' },
  }) as unknown as SpotifyTrack;

const work = {
  id: 'w',
  title: 'Morning Light',
  artistName: 'Nadia K',
  isrc: 'FRABC2600001',
  durationMs: 200_000,
} as WorkEntity;

describe('WorkMatcher', () => {
  // The ISRC search answers another song of the artist (under another ISRC), the text search the same title by
  // someone else: nothing to link, and both searches' tracks are for review.
  const other = track('Other00000000000000000', 'Evening Light', 'FRABC2600099');
  const cover = track('Cover00000000000000000', 'Morning Light', 'GBXYZ2600042', 'The Coverband');
  const spotify = {
    searchByIsrc: jest.fn(() => Promise.resolve([other])),
    searchTrack: jest.fn(() => Promise.resolve([cover])),
  };
  const matcher = new WorkMatcher(spotify as unknown as SpotifyService);

  it('keeps the tracks an ISRC search found without linking as candidates of the final decision', async () => {
    const { result, searches, tracks } = await matcher.match(work);
    expect(searches).toBe(2);
    expect(spotify.searchByIsrc).toHaveBeenCalledWith('FRABC2600001');
    expect(spotify.searchTrack).toHaveBeenCalledTimes(1);
    expect(result.outcome).toBe('NO_MATCH');
    expect(result.candidates.map((c) => c.trackId).sort()).toEqual([cover.id, other.id].sort());
    expect([...tracks.keys()].sort()).toEqual([cover.id, other.id].sort());
  });

  it('still links from the ISRC search alone when it finds the recording', async () => {
    const same = track('Same000000000000000000', 'Morning Light', 'FRABC2600001');
    spotify.searchByIsrc.mockResolvedValueOnce([same]);
    spotify.searchTrack.mockClear();
    const { result, searches } = await matcher.match(work);
    expect(result).toMatchObject({ outcome: 'LINKED', method: 'ISRC', chosen: { trackId: same.id } });
    expect(searches).toBe(1);
    expect(spotify.searchTrack).not.toHaveBeenCalled();
  });
});
