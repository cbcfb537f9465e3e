import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each link was made against (track name and credited artists), so verification reports a rename even after
 * another module stored Spotify's new name on the track. Existing links take the track row's current values.
 */
export class WorkLinkLinkedNames1796200000001 implements MigrationInterface {
  name = 'WorkLinkLinkedNames1796200000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "work_link" ADD "linked_track_name" text`);
    await queryRunner.query(`ALTER TABLE "work_link" ADD "linked_artist_names" text array`);
    await queryRunner.query(
      `UPDATE work_link l SET linked_track_name = t.name,
         linked_artist_names = ARRAY(SELECT a.name FROM track_artist ta JOIN artist a ON a.id = ta.artist_id
                                     WHERE ta.track_id = t.id ORDER BY ta.position)
       FROM track t WHERE t.id = l.track_id`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "work_link" DROP COLUMN "linked_artist_names"`);
    await queryRunner.query(`ALTER TABLE "work_link" DROP COLUMN "linked_track_name"`);
  }
}
