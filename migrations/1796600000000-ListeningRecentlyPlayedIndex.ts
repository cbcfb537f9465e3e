import { MigrationInterface, QueryRunner } from 'typeorm';

export class ListeningRecentlyPlayedIndex1796600000000 implements MigrationInterface {
  name = 'ListeningRecentlyPlayedIndex1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idx_listening_play_recently_played" ON "listening_play"  ("listener_id", "track_id", "played_at") WHERE source = 'RECENTLY_PLAYED'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_listening_play_recently_played"`);
  }
}
