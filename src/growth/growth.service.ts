import { Injectable, OnModuleInit } from '@nestjs/common';
import DataLoader from 'dataloader';
import { BadUserInputError } from 'src/common/domain-errors';
import { LoaderKey, LoaderRegistry } from 'src/common/loaders';
import { addDays, daysBetween, InsightsService } from 'src/insights';
import { GrowthMetric, growthMetrics } from './growth-metrics';
import { GrowthRepository } from './growth.repository';
import { VISIBILITY_FORMULA_VERSION } from './visibility-score';

/** A range of days asked for (visibility, growthMetrics); omitted ends default to the last 90 days. */
export interface DayRange {
  from: string;
  to: string;
}

export const DEFAULT_RANGE_DAYS = 90;
export const MAX_RANGE_DAYS = 366;

export const GROWTH_LOADERS = {
  /** Key `<spotifyId>|<from>|<to>`: the artist's metrics in that range. */
  metricsInRange: new LoaderKey<string, GrowthMetric[]>('growth.metricsInRange'),
  latestBySpotifyId: new LoaderKey<string, GrowthMetric | null>('growth.latestBySpotifyId'),
};

export interface RecomputeReport {
  /** Artists asked for (with or without snapshots). */
  artists: number;
  snapshots: number;
  /** Metrics inserted or changed (unchanged ones are not rewritten). */
  written: number;
  formulaVersion: string;
}

/** The public face of growth: metrics computed from snapshots, kept in step with them, read in batches. */
@Injectable()
export class GrowthService implements OnModuleInit {
  constructor(
    private readonly insights: InsightsService,
    private readonly repo: GrowthRepository,
    private readonly loaders: LoaderRegistry,
  ) {}

  onModuleInit(): void {
    // A new or replaced snapshot changes that day's metrics and the deltas of the days after it.
    this.insights.onSnapshot(async (ids) => {
      await this.recompute(ids);
    });
    this.loaders.register(
      GROWTH_LOADERS.metricsInRange,
      () =>
        new DataLoader(async (keys: readonly string[]) => {
          const parsed = keys.map((k) => {
            const [spotifyId, from, to] = k.split('|');
            return { spotifyId, from, to };
          });
          // One query per distinct range (normally one per request), whatever the number of artists.
          const answers = new Map<string, GrowthMetric[]>();
          const ranges = new Map<string, { from: string; to: string; ids: string[] }>();
          for (const p of parsed) {
            const key = `${p.from}|${p.to}`;
            const range = ranges.get(key) ?? { from: p.from, to: p.to, ids: [] };
            range.ids.push(p.spotifyId);
            ranges.set(key, range);
          }
          for (const range of ranges.values()) {
            for (const m of await this.repo.range(range.ids, range.from, range.to)) {
              const key = `${m.spotifyId}|${range.from}|${range.to}`;
              const list = answers.get(key);
              if (list) list.push(m);
              else answers.set(key, [m]);
            }
          }
          return keys.map((k) => answers.get(k) ?? []);
        }),
    );
    this.loaders.register(
      GROWTH_LOADERS.latestBySpotifyId,
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const byId = new Map((await this.repo.latest(ids)).map((m) => [m.spotifyId, m]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
    );
  }

  /** Recomputes every day's metrics of these artists (default: the tracked ones) from their snapshots. */
  async recompute(spotifyIds?: readonly string[]): Promise<RecomputeReport> {
    const ids = spotifyIds ?? (await this.insights.trackedArtists()).map((a) => a.spotifyId);
    const snapshots = ids.length ? await this.insights.history(ids) : [];
    const byArtist = new Map<string, typeof snapshots>();
    for (const s of snapshots) {
      const history = byArtist.get(s.spotifyId);
      if (history) history.push(s);
      else byArtist.set(s.spotifyId, [s]);
    }
    const metrics = [...byArtist.values()].flatMap((history) => growthMetrics(history));
    const written = await this.repo.upsert(metrics);
    return {
      artists: ids.length,
      snapshots: snapshots.length,
      written,
      formulaVersion: VISIBILITY_FORMULA_VERSION,
    };
  }

  /** Omitted ends: `to` today, `from` 89 days before `to`; at most 366 days. */
  range(from?: string | null, to?: string | null): DayRange {
    const end = to ?? this.insights.today();
    const start = from ?? addDays(end, -(DEFAULT_RANGE_DAYS - 1));
    if (start > end) throw new BadUserInputError('from', 'must not be after to');
    if (daysBetween(start, end) + 1 > MAX_RANGE_DAYS) {
      throw new BadUserInputError('from', `the range may span at most ${MAX_RANGE_DAYS} days`);
    }
    return { from: start, to: end };
  }

  metrics(spotifyId: string, range: DayRange): Promise<GrowthMetric[]> {
    return this.repo.range([spotifyId], range.from, range.to);
  }

  async latest(spotifyId: string): Promise<GrowthMetric | null> {
    return (await this.repo.latest([spotifyId]))[0] ?? null;
  }
}
