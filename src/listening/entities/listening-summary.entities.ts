import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `artist_id` of plays whose track has no credited artist (a key column cannot be null). */
export const NO_ARTIST = '00000000-0000-0000-0000-000000000000';

// Materialized summaries of listening_play, in each listener's time zone: rebuilt for the local days an ingestion
// touched (and wholly after a time-zone change), so their cost follows what changed, not the whole history.
// Derived data, so no foreign keys (a trigger per row would double the cost of a rebuild).

/** Plays per listener, local day and lead artist. */
@Entity('listening_daily_artist')
export class ListeningDailyArtistEntity {
  @PrimaryColumn('uuid') listenerId!: string;
  @PrimaryColumn('date') localDate!: string;
  /** The lead artist (credit position 0), or NO_ARTIST. */
  @PrimaryColumn('uuid') artistId!: string;
  @Column('integer') plays!: number;
  @Column('bigint') msPlayed!: string;
  /** Distinct tracks: a track has one lead artist, so a day's distinct tracks are the sum over its artists. */
  @Column('integer') tracks!: number;
}

/** Plays per listener, local day and local hour (time of day, mean hour, heatmap). */
@Entity('listening_daily_hour')
export class ListeningDailyHourEntity {
  @PrimaryColumn('uuid') listenerId!: string;
  @PrimaryColumn('date') localDate!: string;
  @PrimaryColumn('smallint') localHour!: number;
  @Column('integer') plays!: number;
  @Column('bigint') msPlayed!: string;
}

/**
 * One row per listener and local day, for `listeningDaily`: the day's genre counts and popularity are taken from
 * artist_profile when the day is summarised, and summarised again once the artist enrichment an ingestion queued
 * has finished. The artist-level summaries leave genres and popularity out: the genre query reads them live.
 */
@Entity('listening_daily_summary')
export class ListeningDailySummaryEntity {
  @PrimaryColumn('uuid') listenerId!: string;
  @PrimaryColumn('date') localDate!: string;
  @Column('integer') plays!: number;
  @Column('bigint') msPlayed!: string;
  @Column('integer') tracks!: number;
  /** Lead artists, NO_ARTIST left out. */
  @Column('integer') artists!: number;
  /** Plays per known primary genre (for the count of genres and their diversity). */
  @Column('integer', { array: true }) genrePlays!: number[];
  /** Plays in each local hour 0..23 (time of day, mean hour). */
  @Column('integer', { array: true }) hourPlays!: number[];
  /** Σ plays × popularity over plays whose lead artist's popularity is known, and those plays. */
  @Column('bigint') popularitySum!: string;
  @Column('integer') popularityPlays!: number;
}

/** One row per listener and local month, for `listeningMonthly`; genres and popularity as for the day summary. */
@Entity('listening_monthly_summary')
export class ListeningMonthlySummaryEntity {
  @PrimaryColumn('uuid') listenerId!: string;
  @PrimaryColumn('date') month!: string;
  @Column('integer') plays!: number;
  @Column('bigint') msPlayed!: string;
  @Column('integer') artists!: number;
  @Column('bigint') popularitySum!: string;
  @Column('integer') popularityPlays!: number;
  /** Most plays, then most time, then id (never the name). */
  @Column('uuid', { nullable: true }) topArtistId!: string | null;
  @Column('integer', { nullable: true }) topArtistPlays!: number | null;
  @Column('text', { nullable: true }) topGenre!: string | null;
  @Column('integer', { nullable: true }) topGenrePlays!: number | null;
}

/** Plays per listener, local month (its first day) and lead artist. */
@Entity('listening_monthly_artist')
export class ListeningMonthlyArtistEntity {
  @PrimaryColumn('uuid') listenerId!: string;
  @PrimaryColumn('date') month!: string;
  @PrimaryColumn('uuid') artistId!: string;
  @Column('integer') plays!: number;
  @Column('bigint') msPlayed!: string;
}
