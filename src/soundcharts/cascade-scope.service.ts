import { Injectable } from '@nestjs/common';
import { MusicService } from 'src/music';
import type { CascadeScope } from './cascade-plan';
import { ChartsRepository, ScopeSong } from './charts.repository';

/** The songs a cascade covers: the chart ranking it started from, or given tracks once they have a song uuid. */
@Injectable()
export class CascadeScopeService {
  constructor(
    private readonly charts: ChartsRepository,
    private readonly music: MusicService,
  ) {}

  async songs(scope: CascadeScope): Promise<ScopeSong[]> {
    if ('chartId' in scope)
      return scope.rankingId
        ? this.charts.rankingSongs(scope.rankingId)
        : this.charts.latestSongs(scope.chartId);
    const tracks = await this.music.tracksByIds(scope.trackIds);
    return tracks.flatMap((t) =>
      t?.soundchartsUuid ? [{ songUuid: t.soundchartsUuid, trackId: t.id }] : [],
    );
  }
}
