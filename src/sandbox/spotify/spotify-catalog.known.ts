// Picks well-known ids out of a generated catalog so tests do not have to search for edge cases themselves.
import { RUE_DE_VIVRE_ID, TRACKED_MARKETS } from './spotify-catalog.data';
import type { SpotifyCatalogData, SpotifyKnownIds, SpotifyTrackRecord } from './spotify-catalog.types';

function first(
  tracks: readonly SpotifyTrackRecord[],
  what: string,
  test: (t: SpotifyTrackRecord) => boolean,
) {
  const found = tracks.find(test);
  if (!found) throw new Error(`Spotify sandbox catalog has no ${what}`);
  return found;
}

export function findKnownIds(data: Omit<SpotifyCatalogData, 'known'>): SpotifyKnownIds {
  const { tracks, artists, albums } = data;
  const byRueDeVivre = (t: SpotifyTrackRecord) => t.artistIds[0] === RUE_DE_VIVRE_ID;
  const albumOf = new Map(albums.map((a) => [a.id, a]));

  const accented = first(
    tracks,
    'Café de Flore album version',
    (t) => byRueDeVivre(t) && t.name === 'Café de Flore' && albumOf.get(t.albumId)?.albumType === 'album',
  );
  const sharedIsrcTrackIds = tracks.filter((t) => t.isrc === accented.isrc).map((t) => t.id);
  if (sharedIsrcTrackIds.length < 3)
    throw new Error('Spotify sandbox catalog: Café de Flore ISRC is not shared');

  const sameTitle = 'Golden Hour';
  const sameTitleTrackIds = tracks.filter((t) => t.name === sameTitle).map((t) => t.id);
  const restricted = first(
    tracks,
    'track missing from a tracked market',
    (t) =>
      t.isrc !== accented.isrc &&
      t.availableMarkets.length > 0 &&
      TRACKED_MARKETS.some((m) => !t.availableMarkets.includes(m)),
  );

  return {
    rueDeVivreArtistId: RUE_DE_VIVRE_ID,
    sharedIsrc: accented.isrc,
    sharedIsrcTrackIds,
    accentedTrackId: accented.id,
    featTrackId: first(tracks, 'featured credit', (t) => t.name.includes('(feat. ') && t.artistIds.length > 1)
      .id,
    remasterTrackId: first(tracks, 'remaster', (t) => t.name.endsWith(' - Remastered 2011')).id,
    liveTrackId: first(tracks, 'live version', (t) => t.name.endsWith(' - Live')).id,
    radioEditTrackId: first(tracks, 'radio edit', (t) => t.name.endsWith(' - Radio Edit')).id,
    sameTitle,
    sameTitleTrackIds,
    restrictedTrackId: restricted.id,
    restrictedTrackMissingMarkets: TRACKED_MARKETS.filter((m) => !restricted.availableMarkets.includes(m)),
    artistIdsWithoutGenres: artists.filter((a) => a.genres.length === 0).map((a) => a.id),
    albumId: accented.albumId,
  };
}
