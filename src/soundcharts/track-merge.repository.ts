import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TrackMerge } from 'src/music';

/** Soundcharts rows keyed by a song's track id: they follow the song when its row is merged into another. */
const SONG_TABLES = ['soundcharts_song', 'soundcharts_song_artist', 'soundcharts_song_identifier'] as const;
const AUDIENCE_TABLES = [
  'soundcharts_audience_cursor',
  'soundcharts_audience_part',
  'soundcharts_audience_point',
] as const;

/**
 * Moves this module's rows from a merged song's track to the track that absorbed it. The absorbing track had no
 * song uuid, so any song data it holds is stale and gives way; its own resolution record (it is the Spotify-side
 * track the resolution was about) is kept.
 */
@Injectable()
export class TrackMergeRepository {
  async repoint(merges: readonly TrackMerge[], m: EntityManager): Promise<void> {
    if (merges.length === 0) return;
    const params = [merges.map((x) => x.fromId), merges.map((x) => x.intoId)];
    const pairs = `unnest($1::uuid[], $2::uuid[]) AS u(from_id, into_id)`;
    await m.query(
      `UPDATE soundcharts_chart_entry e SET track_id = u.into_id FROM ${pairs} WHERE e.track_id = u.from_id`,
      params,
    );
    for (const table of SONG_TABLES) {
      await m.query(`DELETE FROM ${table} WHERE track_id = ANY($1::uuid[])`, [params[1]]);
      await m.query(
        `UPDATE ${table} t SET track_id = u.into_id FROM ${pairs} WHERE t.track_id = u.from_id`,
        params,
      );
    }
    for (const table of AUDIENCE_TABLES) {
      await m.query(`DELETE FROM ${table} WHERE entity_type = 'track' AND entity_id = ANY($1::uuid[])`, [
        params[1],
      ]);
      await m.query(
        `UPDATE ${table} t SET entity_id = u.into_id FROM ${pairs}
         WHERE t.entity_type = 'track' AND t.entity_id = u.from_id`,
        params,
      );
    }
    await m.query(`DELETE FROM soundcharts_track_resolution WHERE track_id = ANY($1::uuid[])`, [params[0]]);
  }
}
