// Time series: artist audience (followers), artist streaming (monthly listeners), song audience (plots per platform
// id) and radio spin counts. Windows are startDate/endDate (YYYY-MM-DD, at most 90 days), data runs from
// 2025-01-01 (or the release) to the emulator's "today", oldest first, with some days missing.
import type {
  SoundchartsArtistAudienceItemJson,
  SoundchartsBroadcastGroupItemJson,
  SoundchartsListeningItemJson,
  SoundchartsSongAudienceItemJson,
} from './soundcharts-api.types';
import type { SoundchartsContext, SoundchartsRouter } from './soundcharts-emulator.context';
import { dayOf } from './soundcharts-dates';
import {
  ARTIST_AUDIENCE_PLATFORMS,
  ARTIST_STREAMING_PLATFORMS,
  countryName,
  SONG_AUDIENCE_PLATFORMS,
  type ArtistAudiencePlatform,
  type SongAudiencePlatform,
} from './soundcharts-data.static';
import { json, type EmulatorRequest, type HandlerResult } from '../common';
import { requireArtist, requireSong } from './soundcharts-lookups';
import {
  collection,
  dayWindow,
  pageParams,
  platformParam,
  type DayWindow,
  type PageParams,
} from './soundcharts-params';
import { artistLightJson } from './soundcharts-serializer';
import {
  artistAudiencePoints,
  artistListeningPoints,
  broadcastGroups,
  songAudiencePoints,
} from './soundcharts-series';

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

export class SoundchartsSeriesHandler {
  constructor(private readonly ctx: SoundchartsContext) {}

  register(router: SoundchartsRouter): void {
    router.get('/api/v2/artist/:uuid/audience/:platform', (req, p) =>
      this.artistAudience(req, p.uuid, p.platform),
    );
    router.get('/api/v2/artist/:uuid/streaming/:platform/listening', (req, p) =>
      this.artistListening(req, p.uuid, p.platform),
    );
    router.get('/api/v2/song/:uuid/audience/:platform', (req, p) =>
      this.songAudience(req, p.uuid, p.platform),
    );
    router.get('/api/v2/song/:uuid/broadcast-groups', (req, p) => this.broadcasts(req, p.uuid));
  }

  /** The requested window cut to the emulator's today; params are validated before any data is computed. */
  private window(req: EmulatorRequest): {
    window: DayWindow;
    toIdx: number;
    page: PageParams;
  } {
    const todayIdx = dayOf(this.ctx.now());
    const window = dayWindow(req.query, todayIdx);
    const page = pageParams(req.query);
    return { window, toIdx: Math.min(window.endIdx, todayIdx), page };
  }

  private date(idx: number): string {
    return this.ctx.dataset.pointDate(idx);
  }

  private artistAudience(req: EmulatorRequest, uuid: string, platform: string): HandlerResult {
    const artist = requireArtist(this.ctx, uuid);
    platformParam(platform);
    const { window, toIdx, page } = this.window(req);
    const points = isOneOf<ArtistAudiencePlatform>(ARTIST_AUDIENCE_PLATFORMS, platform)
      ? artistAudiencePoints(artist, platform, window.startIdx, toIdx)
      : [];
    const items = points.map(({ idx, ...counts }): SoundchartsArtistAudienceItemJson => ({
      date: this.date(idx),
      ...counts,
    }));
    const related = {
      artist: artistLightJson(artist),
      platform,
      lastCrawlDate: items.length > 0 ? items[items.length - 1].date : null,
    };
    return json(200, collection(req, items, related, page));
  }

  private artistListening(req: EmulatorRequest, uuid: string, platform: string): HandlerResult {
    const artist = requireArtist(this.ctx, uuid);
    platformParam(platform);
    const { window, toIdx, page } = this.window(req);
    const points = isOneOf(ARTIST_STREAMING_PLATFORMS, platform)
      ? artistListeningPoints(artist, platform, window.startIdx, toIdx)
      : [];
    const items = points.map((p): SoundchartsListeningItemJson => ({
      date: this.date(p.idx),
      value: p.value,
    }));
    const related = {
      artist: artistLightJson(artist),
      platform,
      lastCrawlDate: items.length > 0 ? items[items.length - 1].date : null,
    };
    return json(200, collection(req, items, related, page));
  }

  private songAudience(req: EmulatorRequest, uuid: string, platform: string): HandlerResult {
    const song = requireSong(this.ctx, uuid);
    platformParam(platform);
    const { window, toIdx, page } = this.window(req);
    const identifier = req.query.get('identifier') ?? undefined;
    const points = isOneOf<SongAudiencePlatform>(SONG_AUDIENCE_PLATFORMS, platform)
      ? songAudiencePoints(song, platform, window.startIdx, toIdx, identifier === '' ? undefined : identifier)
      : [];
    const items = points.map((p): SoundchartsSongAudienceItemJson => ({
      date: this.date(p.idx),
      plots: p.plots.map((x) => ({ ...x })),
    }));
    const related = { uuid: song.uuid, name: song.name, creditName: song.creditName };
    return json(200, collection(req, items, related, page));
  }

  private broadcasts(req: EmulatorRequest, uuid: string): HandlerResult {
    const song = requireSong(this.ctx, uuid);
    const { window, toIdx, page } = this.window(req);
    const slugs = req.query.get('radioSlugs');
    const country = req.query.get('countryCode');
    const artistCountry = this.ctx.dataset.artistsOf(song)[0]?.countryCode ?? '';
    const groups = broadcastGroups(song, artistCountry, window.startIdx, toIdx, {
      radioSlugs: slugs === null || slugs === '' ? undefined : slugs.split(',').map((s) => s.trim()),
      countryCode: country === null || country === '' ? undefined : country.toUpperCase(),
    });
    const items = groups.map((g): SoundchartsBroadcastGroupItemJson => ({
      radio: {
        name: g.radio.name,
        slug: g.radio.slug,
        countryCode: g.radio.countryCode,
        countryName: countryName(g.radio.countryCode),
        cityName: g.radio.cityName,
        timeZone: g.radio.timeZone,
      },
      playCount: g.playCount,
    }));
    const related = { uuid: song.uuid, name: song.name, creditName: song.creditName };
    return json(200, collection(req, items, related, page));
  }
}
