// Records → wire shapes (shared/providers/soundcharts-api.md §4). Embedded songs in rankings are "light" (uuid,
// name, creditName, imageUrl) as the real API embeds them; full metadata needs /api/v2.25/song/{uuid}. Song and
// artist objects carry no platform ids, as in the real API: those come from the /identifiers collections.
import type {
  SoundchartsArtistJson,
  SoundchartsArtistLightJson,
  SoundchartsChartJson,
  SoundchartsChartWithMetricJson,
  SoundchartsIdentifierJson,
  SoundchartsRankingItemJson,
  SoundchartsSongJson,
  SoundchartsSongLightJson,
} from './soundcharts-api.types';
import { atom, dayIndex, DAY_MS } from './soundcharts-dates';
import type { SoundchartsDataset } from './soundcharts-dataset';
import { countryName, PLATFORM_NAMES } from './soundcharts-data.static';
import type {
  PlatformIdentifierRecord,
  SoundchartsArtistRecord,
  SoundchartsChartRecord,
  SoundchartsSongRecord,
} from './soundcharts-data.types';
import type { RankingEntryRecord } from './soundcharts-rankings';

export function chartJson(chart: SoundchartsChartRecord): SoundchartsChartJson {
  return {
    name: chart.name,
    type: 'top',
    slug: chart.slug,
    platform: chart.platform,
    frequency: chart.frequency,
    countryCode: chart.countryCode,
    countryName: chart.countryCode === null ? null : countryName(chart.countryCode),
    cityName: null,
    maxResultsCount: chart.size,
    webUrl: `https://app.soundcharts.com/app/market/charts?chart=${chart.slug}&chart_type=song&platform=${chart.platform}`,
  };
}

export function chartWithMetricJson(chart: SoundchartsChartRecord): SoundchartsChartWithMetricJson {
  return { ...chartJson(chart), metric: { ...chart.metric } };
}

export function songLightJson(song: SoundchartsSongRecord): SoundchartsSongLightJson {
  return { uuid: song.uuid, name: song.name, creditName: song.creditName, imageUrl: song.imageUrl };
}

export function rankingItemJson(
  chart: SoundchartsChartRecord,
  entry: RankingEntryRecord,
  rankMs: number,
  song: SoundchartsSongRecord,
): SoundchartsRankingItemJson {
  return {
    song: songLightJson(song),
    position: entry.position,
    positionEvolution: entry.positionEvolution,
    metric: entry.metric,
    entryState: entry.entryState,
    entryDate: atom(entry.entryMs),
    rankDate: atom(rankMs),
    oldPosition: entry.oldPosition,
    timeOnChart: entry.timeOnChart,
    timeOnChartUnit: chart.frequency === 'weekly' ? 'WOC' : 'DOC',
  };
}

export function identifiersJson(ids: readonly PlatformIdentifierRecord[]): SoundchartsIdentifierJson[] {
  return ids.map((i) => ({
    platformCode: i.platform,
    platformName: PLATFORM_NAMES[i.platform] ?? i.platform,
    identifier: i.identifier,
    url: i.url,
    default: i.isDefault,
  }));
}

export function artistLightJson(artist: SoundchartsArtistRecord): SoundchartsArtistLightJson {
  return {
    uuid: artist.uuid,
    slug: artist.slug,
    name: artist.name,
    appUrl: artist.appUrl,
    imageUrl: artist.imageUrl,
  };
}

export function artistJson(artist: SoundchartsArtistRecord): SoundchartsArtistJson {
  return {
    ...artistLightJson(artist),
    countryCode: artist.countryCode,
    webUrl: null,
    genres: [...artist.genres],
    biography: artist.biography,
    isni: artist.isni,
    ipi: artist.ipi,
    gender: artist.gender,
    type: artist.type,
    birthDate: artist.birthDate === null ? null : atom(dayIndex(artist.birthDate) * DAY_MS),
    careerStage: artist.careerStage,
    growthLevel: artist.growthLevel,
    cityName: artist.cityName,
  };
}

export function songJson(song: SoundchartsSongRecord, dataset: SoundchartsDataset): SoundchartsSongJson {
  return {
    uuid: song.uuid,
    name: song.name,
    isrc: {
      value: song.isrc,
      countryCode: song.isrcCountryCode,
      countryName: countryName(song.isrcCountryCode),
    },
    iswcs: [],
    creditName: song.creditName,
    artists: dataset.artistsOf(song).map(artistLightJson),
    releaseDate: atom(dayIndex(song.releaseDay) * DAY_MS),
    copyright: song.copyright,
    appUrl: song.appUrl,
    imageUrl: song.imageUrl,
    duration: song.durationSeconds,
    explicit: song.explicit,
    genres: song.genres.map((g) => ({ root: g.root, sub: [...g.sub] })),
    composers: [...song.composers],
    producers: [],
    labels: song.labels.map((l) => ({ ...l })),
    audio: { ...song.audio },
  };
}
