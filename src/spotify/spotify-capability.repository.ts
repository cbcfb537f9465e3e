import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SpotifyCapabilityEntity } from './entities/spotify-capability.entity';

export interface CapabilityRow {
  name: string;
  available: boolean;
  reason: string | null;
}

/** All SQL on `spotify_capability`. */
@Injectable()
export class SpotifyCapabilityRepository {
  constructor(
    @InjectRepository(SpotifyCapabilityEntity) private readonly repo: Repository<SpotifyCapabilityEntity>,
  ) {}

  findAll(): Promise<SpotifyCapabilityEntity[]> {
    return this.repo.find({ order: { name: 'ASC' } });
  }

  /** One statement for any number of capabilities; returns the stored rows. */
  async upsert(rows: readonly CapabilityRow[]): Promise<SpotifyCapabilityEntity[]> {
    // One row per name: ON CONFLICT cannot touch the same row twice in one statement.
    const unique = [...new Map(rows.map((r) => [r.name, r])).values()];
    if (unique.length === 0) return [];
    const stored = await this.repo.query<
      { name: string; available: boolean; checked_at: Date; reason: string | null }[]
    >(
      `INSERT INTO spotify_capability (name, available, checked_at, reason)
       SELECT name, available, now(), reason FROM UNNEST($1::text[], $2::boolean[], $3::text[])
         AS r(name, available, reason)
       ON CONFLICT (name) DO UPDATE SET
         available = EXCLUDED.available, checked_at = EXCLUDED.checked_at, reason = EXCLUDED.reason
       RETURNING name, available, checked_at, reason`,
      [unique.map((r) => r.name), unique.map((r) => r.available), unique.map((r) => r.reason)],
    );
    return stored.map((r) =>
      Object.assign(new SpotifyCapabilityEntity(), {
        name: r.name,
        available: r.available,
        checkedAt: r.checked_at,
        reason: r.reason,
      }),
    );
  }
}
