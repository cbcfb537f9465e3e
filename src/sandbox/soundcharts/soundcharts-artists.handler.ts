// Artist metadata by uuid or platform id (v2.9 shape: country, career stage, genres, image) and identifiers.
import type { SoundchartsContext, SoundchartsRouter } from './soundcharts-emulator.context';
import type { SoundchartsArtistRecord } from './soundcharts-data.types';
import { SoundchartsApiError } from './soundcharts-errors';
import { json, type EmulatorRequest, type HandlerResult } from '../common';
import { requireArtist } from './soundcharts-lookups';
import { collection, pageParams, platformParam } from './soundcharts-params';
import { artistJson, artistLightJson, identifiersJson } from './soundcharts-serializer';

export class SoundchartsArtistsHandler {
  constructor(private readonly ctx: SoundchartsContext) {}

  register(router: SoundchartsRouter): void {
    router.get('/api/v2.9/artist/by-platform/:platform/:id', (_req, p) => this.byPlatform(p.platform, p.id));
    router.get('/api/v2.9/artist/:uuid', (_req, p) => this.artist(requireArtist(this.ctx, p.uuid)));
    router.get('/api/v2/artist/:uuid/identifiers', (req, p) => this.identifiers(req, p.uuid));
  }

  private artist(artist: SoundchartsArtistRecord): HandlerResult {
    return json(200, { type: 'artist', object: artistJson(artist), errors: [] });
  }

  private byPlatform(platform: string, id: string): HandlerResult {
    platformParam(platform);
    const artist = this.ctx.dataset.artistByPlatformId(platform, id);
    // Like songs, an unknown platform id is not deducted from the quota.
    if (!artist) throw new SoundchartsApiError(404, 'access', 'Artist not found', {}, true);
    return this.artist(artist);
  }

  private identifiers(req: EmulatorRequest, uuid: string): HandlerResult {
    const artist = requireArtist(this.ctx, uuid);
    const page = pageParams(req.query);
    const platform = req.query.get('platform');
    const ids = artist.identifiers.filter(
      (i) => platform === null || platform === '' || i.platform === platform,
    );
    return json(200, collection(req, identifiersJson(ids), artistLightJson(artist), page));
  }
}
