import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireRole } from 'src/auth/roles';
import { BadUserInputError } from 'src/common/domain-errors';
import { Loaders, RequestLoaders } from 'src/common/loaders';
import { DateScalar } from 'src/common/scalars';
import { ArtistModel, TrackModel } from 'src/music';
import { ExportAudienceArgs } from './dto/soundcharts.inputs';
import {
  AudienceEntityTypeModel,
  AudienceExportModel,
  AudiencePartModel,
  AudiencePointModel,
  AudienceSeriesModel,
} from './models/audience.model';
import { AudienceEntityType, FOLLOWERS, songMetric } from './soundcharts.constants';
import { SOUNDCHARTS_LOADERS } from './soundcharts.loaders';
import { SoundchartsService } from './soundcharts.service';

const CODE = /^[a-z0-9_-]{1,40}$/;

function code(value: string, field: string): string {
  const v = value.trim().toLowerCase();
  if (!CODE.test(v)) throw new BadUserInputError(field, `"${value}" is not a platform or metric code`);
  return v;
}

async function series(
  loaders: RequestLoaders,
  entityType: AudienceEntityType,
  entityId: string,
  platform: string,
  metric: string,
  from: string | undefined,
  to: string | undefined,
): Promise<AudienceSeriesModel | null> {
  const points = await loaders
    .get(SOUNDCHARTS_LOADERS.audiencePoints)
    .load({ entityType, entityId, platform, metric, from: from ?? null, to: to ?? null });
  const key = { entityType, entityId, platform, metric, from: from ?? null, to: to ?? null };
  return points.length === 0
    ? null
    : { platform, metric, points: points.map((p) => ({ date: p.day, value: p.value, series: key })) };
}

@Resolver(() => TrackModel)
export class TrackAudienceResolver {
  @ResolveField(() => AudienceSeriesModel, {
    nullable: true,
    description:
      "Soundcharts audience of the track's song on a platform (spotify: streams, youtube: views, shazam: " +
      'shazams, airplay: cumulative radio spins); null when nothing is stored in the range',
  })
  audience(
    @Parent() track: TrackModel,
    @Loaders() loaders: RequestLoaders,
    @Args('platform') platform: string,
    @Args('from', { type: () => DateScalar, nullable: true }) from?: string,
    @Args('to', { type: () => DateScalar, nullable: true }) to?: string,
  ): Promise<AudienceSeriesModel | null> {
    const p = code(platform, 'platform');
    return series(loaders, 'track', track.id, p, songMetric(p), from, to);
  }
}

@Resolver(() => ArtistModel)
export class ArtistAudienceResolver {
  @ResolveField(() => AudienceSeriesModel, {
    nullable: true,
    description:
      'Soundcharts audience of the artist on a platform: metric followers (default) or, on spotify, ' +
      'monthly_listeners; null when nothing is stored in the range',
  })
  audience(
    @Parent() artist: ArtistModel,
    @Loaders() loaders: RequestLoaders,
    @Args('platform') platform: string,
    @Args('metric', { type: () => String, nullable: true }) metric?: string,
    @Args('from', { type: () => DateScalar, nullable: true }) from?: string,
    @Args('to', { type: () => DateScalar, nullable: true }) to?: string,
  ): Promise<AudienceSeriesModel | null> {
    return series(
      loaders,
      'artist',
      artist.id,
      code(platform, 'platform'),
      metric ? code(metric, 'metric') : FOLLOWERS,
      from,
      to,
    );
  }
}

@Resolver(() => AudiencePointModel)
export class AudiencePointResolver {
  @ResolveField(() => [AudiencePartModel], {
    description:
      'The per-identifier values behind the point: a song on several Spotify tracks (the value is their sum), ' +
      'or airplay spins per radio over the window the point closes; empty when one identifier gave the value',
  })
  async parts(
    @Parent() point: AudiencePointModel,
    @Loaders() loaders: RequestLoaders,
  ): Promise<AudiencePartModel[]> {
    if (!point.series) return [];
    const byDay = await loaders.get(SOUNDCHARTS_LOADERS.audienceParts).load(point.series);
    return byDay.get(point.date) ?? [];
  }
}

@Resolver()
export class AudienceExportResolver {
  constructor(private readonly soundcharts: SoundchartsService) {}

  @RequireRole('operator')
  @Mutation(() => AudienceExportModel, {
    description:
      'Writes an .xlsx of stored audience (one sheet per platform and metric, a date column and one column per ' +
      'entity) to DATA_DIR/exports; download it from `downloadPath` with an operator key',
  })
  async exportAudience(@Args() args: ExportAudienceArgs): Promise<AudienceExportModel> {
    const result = await this.soundcharts.exportAudience({
      entityType: args.entityType === AudienceEntityTypeModel.TRACK ? 'track' : 'artist',
      ids: args.ids,
      platforms: args.platforms,
      from: args.from,
      to: args.to,
    });
    return {
      fileName: result.fileName,
      downloadPath: result.downloadPath,
      sheets: result.sheets,
      entities: result.entities,
    };
  }
}
