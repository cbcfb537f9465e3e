import { Injectable } from '@nestjs/common';
import type { SeriesWrite, StoredState } from '../audience.repository';
import type { ScDatedValue } from '../client/soundcharts-api.types';
import { DayWindow, splitWindows } from '../client/soundcharts-dates';
import { SoundchartsClient } from '../client/soundcharts.client';
import { AudienceEntityType, SeriesSpec, SOURCES } from '../soundcharts.constants';

export interface SeriesTask {
  entityType: AudienceEntityType;
  entityId: string;
  /** The Soundcharts uuid of the song or artist. */
  uuid: string;
  spec: SeriesSpec;
  range: DayWindow;
  state: StoredState | undefined;
}

/** Fetches one series over its range, one request per 90-day window, into one write (one point per day). */
@Injectable()
export class SeriesFetcher {
  constructor(private readonly client: SoundchartsClient) {}

  /** Null when Soundcharts does not know the entity (404): nothing is stored and the cursor does not move. */
  async fetch(task: SeriesTask): Promise<SeriesWrite | null> {
    const byDay = new Map<string, ScDatedValue>();
    let cumulative = task.state?.lastValue ?? 0;
    for (const window of splitWindows(task.range)) {
      if (task.spec.kind === 'radio-counts') {
        const counts = await this.client.songRadioCounts(task.uuid, window);
        if (counts === null) return null;
        // broadcast-groups counts spins per radio over the window: the series is their running total, dated on
        // the window's last day, and each radio's spins of the window are kept beside it.
        const spins = counts.reduce((sum, c) => sum + c.playCount, 0);
        cumulative += spins;
        byDay.set(window.end, {
          day: window.end,
          value: cumulative,
          parts: counts.map((c) => ({ identifier: c.radioSlug, value: c.playCount })),
        });
        continue;
      }
      const values = await this.fetchWindow(task, window);
      if (values === null) return null;
      for (const v of values) if (v.day >= window.start && v.day <= window.end) byDay.set(v.day, v);
    }
    return {
      entityType: task.entityType,
      entityId: task.entityId,
      platform: task.spec.platform,
      metric: task.spec.metric,
      source: sourceOf(task.spec),
      fetchedThrough: task.range.end,
      points: [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day)),
    };
  }

  private fetchWindow(task: SeriesTask, window: DayWindow): Promise<ScDatedValue[] | null> {
    switch (task.spec.kind) {
      case 'song-audience':
        return this.client.songAudience(task.uuid, task.spec.platform, window);
      case 'artist-followers':
        return this.client.artistFollowers(task.uuid, task.spec.platform, window);
      case 'artist-listening':
        return this.client.artistListening(task.uuid, task.spec.platform, window);
      case 'radio-counts':
        throw new Error('radio counts are fetched by window total');
    }
  }
}

function sourceOf(spec: SeriesSpec): string {
  switch (spec.kind) {
    case 'song-audience':
      return SOURCES.songAudience;
    case 'radio-counts':
      return SOURCES.radioCounts;
    case 'artist-followers':
      return SOURCES.artistFollowers;
    case 'artist-listening':
      return SOURCES.artistListening;
  }
}
