import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MusicService, SoundchartsSongInput, TrackMerge } from 'src/music';
import { TrackMergeRepository } from './track-merge.repository';

export interface SongTracks {
  /** Song uuid → track id. */
  ids: Map<string, string>;
  /** Song rows folded into the Spotify-side track of the same recording. */
  merged: TrackMerge[];
}

/**
 * The one way this module stores songs as tracks. In one transaction: a song met before its identifiers (a chart
 * entry) whose Spotify id another track already holds is merged into that track, with this module's rows moved
 * along, so charts, catalog links and enrichment meet on one row; then the songs are upserted.
 */
@Injectable()
export class SongTracksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly music: MusicService,
    private readonly merges: TrackMergeRepository,
  ) {}

  async upsert(songs: SoundchartsSongInput[]): Promise<SongTracks> {
    if (songs.length === 0) return { ids: new Map(), merged: [] };
    return this.dataSource.transaction(async (m) => {
      const merged = await this.music.mergeSoundchartsSongDuplicates(songs, m);
      await this.merges.repoint(merged, m);
      const ids = await this.music.upsertSoundchartsSongs(songs, m);
      return { ids, merged };
    });
  }
}
