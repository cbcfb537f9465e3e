import { SoundchartsArtistEntity } from './artist.entity';
import { SoundchartsAudienceCursorEntity } from './audience-cursor.entity';
import { SoundchartsAudiencePartEntity } from './audience-part.entity';
import { SoundchartsAudiencePointEntity } from './audience-point.entity';
import { SoundchartsCascadeStepEntity } from './cascade-step.entity';
import { SoundchartsCascadeEntity } from './cascade.entity';
import { SoundchartsChartEntryEntity } from './chart-entry.entity';
import { SoundchartsChartRankingEntity } from './chart-ranking.entity';
import { SoundchartsChartSyncRunEntity } from './chart-sync-run.entity';
import { SoundchartsChartSyncScheduleEntity } from './chart-sync-schedule.entity';
import { SoundchartsChartEntity } from './chart.entity';
import { SoundchartsProviderStateEntity } from './provider-state.entity';
import { SoundchartsSongArtistEntity } from './song-artist.entity';
import { SoundchartsSongIdentifierEntity } from './song-identifier.entity';
import { SoundchartsSongEntity } from './song.entity';
import { SoundchartsTrackResolutionEntity } from './track-resolution.entity';

export const SOUNDCHARTS_ENTITIES = [
  SoundchartsChartEntity,
  SoundchartsChartRankingEntity,
  SoundchartsChartEntryEntity,
  SoundchartsSongEntity,
  SoundchartsSongIdentifierEntity,
  SoundchartsSongArtistEntity,
  SoundchartsArtistEntity,
  SoundchartsTrackResolutionEntity,
  SoundchartsAudiencePointEntity,
  SoundchartsAudiencePartEntity,
  SoundchartsAudienceCursorEntity,
  SoundchartsChartSyncScheduleEntity,
  SoundchartsChartSyncRunEntity,
  SoundchartsCascadeEntity,
  SoundchartsCascadeStepEntity,
  SoundchartsProviderStateEntity,
];
