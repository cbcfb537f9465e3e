import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArtistEntity } from './entities/artist.entity';
import { TrackArtistEntity } from './entities/track-artist.entity';
import { TrackEntity } from './entities/track.entity';
import { AttributesRepository } from './attributes.repository';
import { ListingRepository } from './listing.repository';
import { MusicRepository } from './music.repository';
import { ArtistResolver, TrackResolver } from './music.resolver';
import { MusicService } from './music.service';
import { SoundchartsUpsertRepository } from './soundcharts-upsert.repository';

/** Tracks, artists and credits: shared by the catalog, enrichment, charts and listening modules. */
@Module({
  imports: [TypeOrmModule.forFeature([TrackEntity, ArtistEntity, TrackArtistEntity])],
  providers: [
    MusicRepository,
    SoundchartsUpsertRepository,
    AttributesRepository,
    ListingRepository,
    MusicService,
    TrackResolver,
    ArtistResolver,
  ],
  exports: [MusicService],
})
export class MusicModule {}
