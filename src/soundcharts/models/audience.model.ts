import { Field, Float, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from 'src/common/scalars';
import type { PointsKey } from '../audience.repository';

export enum AudienceEntityTypeModel {
  TRACK = 'TRACK',
  ARTIST = 'ARTIST',
}

registerEnumType(AudienceEntityTypeModel, { name: 'AudienceEntityType' });

@ObjectType('AudiencePart', { description: "One identifier's value behind an audience point" })
export class AudiencePartModel {
  @Field({
    description: 'A platform id (e.g. one Spotify track id of the song) or, for airplay, a radio slug',
  })
  identifier!: string;
  @Field(() => Float) value!: number;
}

@ObjectType('AudiencePoint')
export class AudiencePointModel {
  @Field(() => DateScalar) date!: string;
  @Field(() => Float) value!: number;
  /** Not in the schema: the series (and range) the point was read from, so `parts` loads with the whole series. */
  series?: PointsKey;
}

@ObjectType('AudienceSeries')
export class AudienceSeriesModel {
  @Field() platform!: string;
  @Field({ description: 'e.g. followers, monthly_listeners, streams, views, shazams, spins' })
  metric!: string;
  @Field(() => [AudiencePointModel], { description: 'Ascending by date, one point per date at most' })
  points!: AudiencePointModel[];
}

@ObjectType('AudienceExport')
export class AudienceExportModel {
  @Field({ description: 'The file under DATA_DIR/exports' }) fileName!: string;
  @Field({ description: 'GET it (operator key) to download the .xlsx, e.g. /exports/<file>' })
  downloadPath!: string;
  @Field(() => [String], { description: 'One sheet per platform and metric, e.g. spotify-streams' })
  sheets!: string[];
  @Field() entities!: number;
}
