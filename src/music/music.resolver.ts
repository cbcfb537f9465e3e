import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { BadUserInputError } from 'src/common/domain-errors';
import { Loaders, RequestLoaders } from 'src/common/loaders';
import { decodeCursor, toConnection } from 'src/common/pagination';
import { AppConfig } from 'src/config';
import { normalizeIsrc } from 'src/spotify';
import { TrackFilterValues } from './attributes.types';
import { DIFFICULTY_RANGES } from './difficulty';
import { ArtistsArgs, TrackFilter, TracksArgs } from './dto/listing.args';
import { toArtistModel, toTrackModel } from './music.mapper';
import { MUSIC_LOADERS, MusicService } from './music.service';
import { ArtistConnection, ArtistModel } from './models/artist.model';
import { TrackConnection, TrackModel } from './models/track.model';
import { assertSpotifyId } from './spotify-id.arg';

/** Stored ISRCs are normalised (upper case, no dashes), so the filter is too; a malformed one is an error. */
function filterIsrc(value: string): string {
  const isrc = normalizeIsrc(value);
  if (!isrc) {
    throw new BadUserInputError('filter.isrc', `"${value}" is not an ISRC (12 characters, CC-XXX-YY-NNNNN)`);
  }
  return isrc;
}

/** A difficulty is a popularity range; combined with explicit bounds, the narrower wins. */
function trackFilterValues(filter: TrackFilter | undefined): TrackFilterValues {
  if (!filter) return {};
  const values: TrackFilterValues = {
    minPopularity: filter.minPopularity,
    maxPopularity: filter.maxPopularity,
    isrc: typeof filter.isrc === 'string' ? filterIsrc(filter.isrc) : undefined,
    enriched: filter.enriched,
  };
  if (filter.difficulty) {
    const [lo, hi] = DIFFICULTY_RANGES[filter.difficulty];
    values.minPopularity = Math.max(lo, values.minPopularity ?? lo);
    values.maxPopularity = Math.min(hi, values.maxPopularity ?? hi);
  }
  if (
    values.minPopularity !== undefined &&
    values.maxPopularity !== undefined &&
    values.minPopularity > values.maxPopularity
  ) {
    throw new BadUserInputError('filter', 'selects no popularity (minimum above maximum)');
  }
  return values;
}

@Resolver(() => TrackModel)
export class TrackResolver {
  constructor(private readonly music: MusicService) {}

  @Query(() => TrackModel, { nullable: true, description: 'A track Soundgraph knows, by its Spotify id' })
  async track(@Args('spotifyId') spotifyId: string): Promise<TrackModel | null> {
    const track = await this.music.trackBySpotifyId(assertSpotifyId(spotifyId, 'spotifyId'));
    return track ? toTrackModel(track) : null;
  }

  @Query(() => TrackConnection, { description: 'Tracks in the order Soundgraph first saw them' })
  async tracks(@Args() args: TracksArgs) {
    const [rows, total] = await this.music.listTracks(
      trackFilterValues(args.filter),
      args.first + 1,
      decodeCursor(args.after),
    );
    return toConnection(rows, args.first, total, (t) => ({ micros: t.cursorMicros, id: t.id }), toTrackModel);
  }

  @ResolveField(() => [ArtistModel])
  async artists(@Parent() track: TrackModel, @Loaders() loaders: RequestLoaders): Promise<ArtistModel[]> {
    return (await loaders.get(MUSIC_LOADERS.artistsByTrackId).load(track.id)).map(toArtistModel);
  }

  @ResolveField(() => [TrackModel], {
    description: 'Other tracks with the same ISRC; none when the group conflicts (see isrcConflict)',
  })
  async duplicates(@Parent() track: TrackModel, @Loaders() loaders: RequestLoaders): Promise<TrackModel[]> {
    return (await loaders.get(MUSIC_LOADERS.duplicatesByTrackId).load(track.id)).map(toTrackModel);
  }

  @ResolveField(() => Boolean, {
    description: 'The tracks sharing this ISRC differ by more than 5 s or in artists: not simply duplicates',
  })
  isrcConflict(@Parent() track: TrackModel, @Loaders() loaders: RequestLoaders): Promise<boolean> {
    return loaders.get(MUSIC_LOADERS.isrcConflictByTrackId).load(track.id);
  }
}

@Resolver(() => ArtistModel)
export class ArtistResolver {
  constructor(
    private readonly music: MusicService,
    private readonly config: AppConfig,
  ) {}

  @Query(() => ArtistModel, { nullable: true, description: 'An artist Soundgraph knows, by Spotify id' })
  async artist(@Args('spotifyId') spotifyId: string): Promise<ArtistModel | null> {
    const artist = await this.music.artistBySpotifyId(assertSpotifyId(spotifyId, 'spotifyId'));
    return artist ? toArtistModel(artist) : null;
  }

  @Query(() => ArtistConnection, { description: 'Artists in the order Soundgraph first saw them' })
  async artists(@Args() args: ArtistsArgs) {
    const [rows, total] = await this.music.listArtists(
      args.filter ?? {},
      this.config.enrichStaleDays,
      args.first + 1,
      decodeCursor(args.after),
    );
    return toConnection(
      rows,
      args.first,
      total,
      (a) => ({ micros: a.cursorMicros, id: a.id }),
      toArtistModel,
    );
  }
}
