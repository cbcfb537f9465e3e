/** `column AS "property"` pairs of a table, qualified by `alias`, so raw rows come back shaped like the entity. */
const columns = (alias: string, pairs: [string, string][]): string =>
  pairs.map(([column, property]) => `${alias}.${column} AS "${property}"`).join(', ');

export const trackColumns = (alias: string) =>
  columns(alias, [
    ['id', 'id'],
    ['spotify_id', 'spotifyId'],
    ['soundcharts_uuid', 'soundchartsUuid'],
    ['name', 'name'],
    ['isrc', 'isrc'],
    ['duration_ms', 'durationMs'],
    ['album_name', 'albumName'],
    ['metadata_source', 'metadataSource'],
    ['metadata_fetched_at', 'metadataFetchedAt'],
    ['popularity', 'popularity'],
    ['popularity_source', 'popularitySource'],
    ['popularity_fetched_at', 'popularityFetchedAt'],
    ['isrc_source', 'isrcSource'],
    ['isrc_fetched_at', 'isrcFetchedAt'],
    ['enriched_at', 'enrichedAt'],
    ['checked_at', 'checkedAt'],
    ['created_at', 'createdAt'],
    ['updated_at', 'updatedAt'],
  ]);

export const artistColumns = (alias: string) =>
  columns(alias, [
    ['id', 'id'],
    ['spotify_id', 'spotifyId'],
    ['soundcharts_uuid', 'soundchartsUuid'],
    ['name', 'name'],
    ['genres', 'genres'],
    ['genre_source', 'genreSource'],
    ['genres_fetched_at', 'genresFetchedAt'],
    ['popularity', 'popularity'],
    ['popularity_fetched_at', 'popularityFetchedAt'],
    ['followers', 'followers'],
    ['followers_fetched_at', 'followersFetchedAt'],
    ['images', 'images'],
    ['external_url', 'externalUrl'],
    ['enriched_at', 'enrichedAt'],
    ['checked_at', 'checkedAt'],
    ['created_at', 'createdAt'],
    ['updated_at', 'updatedAt'],
  ]);
