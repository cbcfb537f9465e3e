import { SpotifyApiModeModel, SpotifyStatusModel } from './models/spotify-status.model';
import type { SpotifyStatusView } from './spotify.service';

export function toSpotifyStatusModel(status: SpotifyStatusView): SpotifyStatusModel {
  return {
    mode: SpotifyApiModeModel[status.mode],
    configuredMode: SpotifyApiModeModel[status.configuredMode],
    sandbox: status.sandbox,
    rateLimitedUntil: status.rateLimitedUntil,
    capabilities: status.capabilities.map((c) => ({
      name: c.name,
      available: c.available,
      checkedAt: c.checkedAt,
      reason: c.reason,
    })),
  };
}
