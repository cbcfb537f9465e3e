export { MusicModule } from './music.module';
export { MusicService, MUSIC_LOADERS } from './music.service';
export type {
  SpotifyArtistInput,
  SpotifyTrackInput,
  SoundchartsSongInput,
  SoundchartsArtistInput,
  TrackCredits,
  TrackMerge,
} from './music.types';
export { TrackModel } from './models/track.model';
export { ArtistModel } from './models/artist.model';
export { toTrackModel, toArtistModel } from './music.mapper';
export { assertSpotifyId } from './spotify-id.arg';
export type { TrackEntity } from './entities/track.entity';
export type { ArtistEntity } from './entities/artist.entity';
export type * from './attributes.types';
export { Difficulty, difficultyOf, DIFFICULTY_RANGES } from './difficulty';
export { TrackConnection } from './models/track.model';
export { ArtistConnection, ImageModel, GenreSourceEnum } from './models/artist.model';
