// Entity lookups shared by the handlers, answering Soundcharts' 404s (billed: the lookup was made) for unknown or
// not-yet-ingested entities.
import type { SoundchartsContext } from './soundcharts-emulator.context';
import type {
  SoundchartsArtistRecord,
  SoundchartsChartRecord,
  SoundchartsSongRecord,
} from './soundcharts-data.types';
import { scErrors } from './soundcharts-errors';

export function requireSong(ctx: SoundchartsContext, uuid: string): SoundchartsSongRecord {
  const song = ctx.dataset.songByUuid(uuid);
  if (!song || !ctx.ingestion.visible(song)) throw scErrors.notFound('Song not found');
  return song;
}

export function requireArtist(ctx: SoundchartsContext, uuid: string): SoundchartsArtistRecord {
  const artist = ctx.dataset.artistByUuid(uuid);
  if (!artist) throw scErrors.notFound('Artist not found');
  return artist;
}

export function requireChart(ctx: SoundchartsContext, slug: string): SoundchartsChartRecord {
  const chart = ctx.dataset.chartBySlug(slug);
  if (!chart) throw scErrors.notFound('Chart not found');
  return chart;
}
