import { Injectable, OnModuleInit } from '@nestjs/common';
import DataLoader from 'dataloader';
import { LoaderKey, LoaderRegistry } from 'src/common/loaders';
import { WorkLinkCandidateEntity } from './entities/work-link-candidate.entity';
import { WorkLinkEventEntity } from './entities/work-link-event.entity';
import { WorkLinkEntity } from './entities/work-link.entity';
import { CatalogService } from './catalog.service';

export const CATALOG_LOADERS = {
  linkByWorkId: new LoaderKey<string, WorkLinkEntity | null>('catalog.linkByWorkId'),
  historyByWorkId: new LoaderKey<string, WorkLinkEventEntity[]>('catalog.historyByWorkId'),
  candidatesByWorkId: new LoaderKey<string, WorkLinkCandidateEntity[]>('catalog.candidatesByWorkId'),
};

function grouped<T extends { workId: string }>(ids: readonly string[], rows: T[]): T[][] {
  const byWork = new Map<string, T[]>();
  for (const row of rows) byWork.set(row.workId, [...(byWork.get(row.workId) ?? []), row]);
  return ids.map((id) => byWork.get(id) ?? []);
}

/** One query per relation per GraphQL request, however many works a page holds. */
@Injectable()
export class CatalogLoaders implements OnModuleInit {
  constructor(
    private readonly registry: LoaderRegistry,
    private readonly catalog: CatalogService,
  ) {}

  onModuleInit(): void {
    this.registry.register(
      CATALOG_LOADERS.linkByWorkId,
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const byWork = new Map((await this.catalog.linksByWorkIds(ids)).map((l) => [l.workId, l]));
          return ids.map((id) => byWork.get(id) ?? null);
        }),
    );
    this.registry.register(
      CATALOG_LOADERS.historyByWorkId,
      () =>
        new DataLoader(async (ids: readonly string[]) =>
          grouped(ids, await this.catalog.historyByWorkIds(ids)),
        ),
    );
    this.registry.register(
      CATALOG_LOADERS.candidatesByWorkId,
      () =>
        new DataLoader(async (ids: readonly string[]) =>
          grouped(ids, await this.catalog.candidatesByWorkIds(ids)),
        ),
    );
  }
}
