import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type {
  AudioProfile,
  MarketInsight,
  RecommendedTrack,
  RelatedArtistInsight,
  RelatedBenchmark,
  SkippedPart,
  SnapshotTrack,
} from '../insights.types';

/** One artist's insights on one UTC day; collecting again the same day replaces the row. */
@Entity('artist_snapshot')
@Index('uq_artist_snapshot_artist_day', ['spotifyId', 'day'], { unique: true })
export class ArtistSnapshotEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') spotifyId!: string;
  /** The music module's artist id when it knows the artist (not a foreign key: that table is not ours). */
  @Column('uuid', { nullable: true }) artistId!: string | null;
  @Column('text') name!: string;
  @Column('date') day!: string;
  @Column('timestamptz') collectedAt!: Date;
  @Column('integer', { nullable: true }) followers!: number | null;
  @Column('text', { nullable: true }) followersSource!: string | null;
  @Column('date', { nullable: true }) followersAsOf!: string | null;
  @Column('smallint', { nullable: true }) popularity!: number | null;
  @Column('text', { array: true, nullable: true }) genres!: string[] | null;
  @Column('integer', { nullable: true }) monthlyListeners!: number | null;
  @Column('date', { nullable: true }) monthlyListenersAsOf!: string | null;
  @Column('text', { array: true }) trackedMarkets!: string[];
  @Column('text', { array: true, nullable: true }) activeMarkets!: string[] | null;
  @Column('jsonb', { nullable: true }) markets!: MarketInsight[] | null;
  @Column('jsonb', { nullable: true }) topTracks!: SnapshotTrack[] | null;
  @Column('jsonb', { nullable: true }) audioProfile!: AudioProfile | null;
  @Column('jsonb', { nullable: true }) relatedArtists!: RelatedArtistInsight[] | null;
  @Column('jsonb', { nullable: true }) benchmark!: RelatedBenchmark | null;
  @Column('jsonb', { nullable: true }) recommendations!: RecommendedTrack[] | null;
  @Column('jsonb', { default: () => "'[]'" }) skipped!: SkippedPart[];
}
