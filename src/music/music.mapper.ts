import { difficultyOf } from './difficulty';
import { ArtistEntity } from './entities/artist.entity';
import { TrackEntity } from './entities/track.entity';
import { ArtistModel, GenreSourceEnum } from './models/artist.model';
import { TrackModel, ValueProvenanceModel } from './models/track.model';

function provenance(t: TrackEntity): ValueProvenanceModel[] {
  const values: ValueProvenanceModel[] = [];
  if (t.metadataSource)
    values.push({ field: 'name', source: t.metadataSource, fetchedAt: t.metadataFetchedAt });
  if (t.isrc) {
    values.push({
      field: 'isrc',
      source: t.isrcSource ?? t.metadataSource ?? 'SPOTIFY',
      fetchedAt: t.isrcFetchedAt ?? t.metadataFetchedAt,
    });
  }
  if (t.popularitySource)
    values.push({ field: 'popularity', source: t.popularitySource, fetchedAt: t.popularityFetchedAt });
  return values;
}

export const toTrackModel = (t: TrackEntity): TrackModel => ({
  id: t.id,
  spotifyId: t.spotifyId,
  soundchartsUuid: t.soundchartsUuid,
  name: t.name,
  isrc: t.isrc,
  popularity: t.popularity ?? null,
  difficulty: difficultyOf(t.popularity),
  durationMs: t.durationMs,
  albumName: t.albumName,
  enrichedAt: t.enrichedAt ?? null,
  provenance: provenance(t),
});

export const toArtistModel = (a: ArtistEntity): ArtistModel => ({
  id: a.id,
  spotifyId: a.spotifyId,
  soundchartsUuid: a.soundchartsUuid,
  name: a.name,
  genres: a.genres ?? [],
  genreSource: (a.genreSource as GenreSourceEnum | null) ?? null,
  popularity: a.popularity ?? null,
  followers: a.followers ?? null,
  images: a.images ?? [],
  externalUrl: a.externalUrl ?? null,
  enrichedAt: a.enrichedAt ?? null,
});
