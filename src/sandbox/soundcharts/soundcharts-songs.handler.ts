// Song metadata by uuid, ISRC or platform id, and the song's platform identifiers. A by-platform 404 is free and
// makes Soundcharts ingest the song (pending songs appear two hours of emulator time later); a blacklisted ISRC
// answers 410 by ISRC and by the Spotify ids carrying it.
import type { SoundchartsContext, SoundchartsRouter } from './soundcharts-emulator.context';
import { scErrors } from './soundcharts-errors';
import { json, type EmulatorRequest, type HandlerResult } from '../common';
import { requireSong } from './soundcharts-lookups';
import { collection, pageParams, platformParam } from './soundcharts-params';
import { identifiersJson, songJson, songLightJson } from './soundcharts-serializer';
import type { SoundchartsSongRecord } from './soundcharts-data.types';

export class SoundchartsSongsHandler {
  constructor(private readonly ctx: SoundchartsContext) {}

  register(router: SoundchartsRouter): void {
    router.get('/api/v2.25/song/by-isrc/:isrc', (_req, p) => this.byIsrc(p.isrc));
    router.get('/api/v2.25/song/by-platform/:platform/:id', (_req, p) => this.byPlatform(p.platform, p.id));
    router.get('/api/v2.25/song/:uuid', (_req, p) => this.song(requireSong(this.ctx, p.uuid)));
    router.get('/api/v2/song/:uuid/identifiers', (req, p) => this.identifiers(req, p.uuid));
  }

  private song(song: SoundchartsSongRecord): HandlerResult {
    return json(200, { type: 'song', object: songJson(song, this.ctx.dataset), errors: [] });
  }

  private byIsrc(isrc: string): HandlerResult {
    const { dataset, ingestion } = this.ctx;
    if (dataset.isBlacklistedIsrc(isrc)) throw scErrors.blacklistedIsrc();
    const song = dataset.songByIsrc(isrc);
    if (!song || !ingestion.visible(song)) throw scErrors.notFound('Song not found');
    return this.song(song);
  }

  private byPlatform(platform: string, id: string): HandlerResult {
    platformParam(platform);
    const { dataset, ingestion } = this.ctx;
    if (platform === 'spotify' && dataset.isBlacklistedSpotifyTrack(id)) throw scErrors.blacklistedIsrc();
    const song = dataset.songByPlatformId(platform, id);
    if (!song) throw scErrors.byPlatformNotFound();
    if (!ingestion.visible(song)) {
      ingestion.request(song);
      throw scErrors.byPlatformNotFound();
    }
    return this.song(song);
  }

  private identifiers(req: EmulatorRequest, uuid: string): HandlerResult {
    const song = requireSong(this.ctx, uuid);
    const page = pageParams(req.query);
    const platform = req.query.get('platform');
    const onlyDefault = ['1', 'true'].includes(req.query.get('onlyDefault') ?? '');
    const ids = song.identifiers.filter(
      (i) =>
        (platform === null || platform === '' || i.platform === platform) && (!onlyDefault || i.isDefault),
    );
    return json(200, collection(req, identifiersJson(ids), songLightJson(song), page));
  }
}
