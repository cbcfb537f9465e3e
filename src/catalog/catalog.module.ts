import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MusicModule } from 'src/music';
import { SpotifyModule } from 'src/spotify';
import { AutoLinkJob } from './auto-link.job';
import { CatalogLoaders } from './catalog.loaders';
import { CatalogService } from './catalog.service';
import { CoverageResolver } from './coverage.resolver';
import { WorkLinkCandidateEntity } from './entities/work-link-candidate.entity';
import { WorkLinkEventEntity } from './entities/work-link-event.entity';
import { WorkLinkEntity } from './entities/work-link.entity';
import { WorkEntity } from './entities/work.entity';
import { CatalogJobsResolver } from './jobs.resolver';
import { LinksRepository } from './links.repository';
import { VerifyLinksJob } from './verify-links.job';
import { WorkMatcher } from './work-matcher.service';
import { WorksRepository } from './works.repository';
import { WorkConnectionResolver, WorksResolver } from './works.resolver';

/** Works, their Spotify links (manual, auto-linked, verified) and coverage. */
@Module({
  imports: [
    TypeOrmModule.forFeature([WorkEntity, WorkLinkEntity, WorkLinkEventEntity, WorkLinkCandidateEntity]),
    MusicModule,
    SpotifyModule,
  ],
  providers: [
    WorksRepository,
    LinksRepository,
    CatalogService,
    CatalogLoaders,
    WorkMatcher,
    AutoLinkJob,
    VerifyLinksJob,
    WorksResolver,
    WorkConnectionResolver,
    CoverageResolver,
    CatalogJobsResolver,
  ],
  exports: [CatalogService],
})
export class CatalogModule {}
