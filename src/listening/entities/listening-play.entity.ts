import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One play of a track (raw events): unique per listener, instant and track, so re-polling or re-importing adds
 * nothing. `track_id` is the music module's track (no foreign key across modules, as catalog links do). No foreign
 * key to the listener either: on a bulk table each would be a trigger and a row lock per play (a third of an
 * import's time), and listeners are never deleted (disconnecting keeps the history).
 */
@Entity('listening_play')
// Plays from the account-data export (minute precision): the import looks for them to tell one play seen by both
// export formats; partial, so the check costs nothing for listeners who never imported that format.
@Index('idx_listening_play_account_data', ['listenerId', 'trackId', 'playedAt'], {
  where: `source = 'ACCOUNT_DATA'`,
})
// Plays polled from recently played: an extended-history import looks for them to tell one play seen by both.
@Index('idx_listening_play_recently_played', ['listenerId', 'trackId', 'playedAt'], {
  where: `source = 'RECENTLY_PLAYED'`,
})
export class ListeningPlayEntity {
  @PrimaryColumn('uuid') listenerId!: string;
  @PrimaryColumn('timestamptz') playedAt!: Date;
  @PrimaryColumn('uuid') trackId!: string;
  /** As the export says; recently played has no such field, so the track's duration. */
  @Column('integer') msPlayed!: number;
  /** RECENTLY_PLAYED, EXTENDED_HISTORY or ACCOUNT_DATA. */
  @Column('text') source!: string;
  @Column('boolean', { nullable: true }) skipped!: boolean | null;
  @Column('text', { nullable: true }) reasonEnd!: string | null;
}
