import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProviderRateLimitEntity } from './entities/provider-rate-limit.entity';
import { SpotifyCapabilityEntity } from './entities/spotify-capability.entity';
import { ProviderRateLimitRepository } from './provider-rate-limit.repository';
import { SpotifyBatchFetcher } from './spotify-batch.fetcher';
import { SpotifyCapabilities } from './spotify-capability.service';
import { SpotifyCapabilityProbeJob } from './spotify-capability-probe.job';
import { SpotifyCapabilityRepository } from './spotify-capability.repository';
import { SpotifyClient } from './spotify.client';
import { SpotifyHttp } from './spotify-http';
import { SpotifyRateGate } from './spotify-rate-gate';
import { SpotifyService } from './spotify.service';
import { SpotifyStatusResolver } from './spotify-status.resolver';
import { SpotifyTokenManager } from './spotify-token.manager';
import { SpotifyUserAuth } from './spotify-user-auth';

/**
 * Spotify: client, token manager, shared rate gate, capabilities (and their daily probe), batching lookups,
 * listeners' OAuth (authorize URL, code exchange, `GET /me`).
 * Other modules use SpotifyService only.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SpotifyCapabilityEntity, ProviderRateLimitEntity])],
  providers: [
    ProviderRateLimitRepository,
    SpotifyCapabilityRepository,
    SpotifyRateGate,
    SpotifyHttp,
    SpotifyTokenManager,
    SpotifyUserAuth,
    SpotifyClient,
    SpotifyCapabilities,
    SpotifyBatchFetcher,
    SpotifyService,
    SpotifyCapabilityProbeJob,
    SpotifyStatusResolver,
  ],
  exports: [SpotifyService],
})
export class SpotifyModule {}
