import { ArtistEntity } from './entities/artist.entity';
import { TrackEntity } from './entities/track.entity';
import { ArtistModel } from './models/artist.model';
import { TrackModel } from './models/track.model';

export const toTrackModel = (t: TrackEntity): TrackModel => ({
  id: t.id,
  spotifyId: t.spotifyId,
  soundchartsUuid: t.soundchartsUuid,
  name: t.name,
  isrc: t.isrc,
  durationMs: t.durationMs,
  albumName: t.albumName,
});

export const toArtistModel = (a: ArtistEntity): ArtistModel => ({
  id: a.id,
  spotifyId: a.spotifyId,
  soundchartsUuid: a.soundchartsUuid,
  name: a.name,
});
