import type { SqlInMemory } from 'typeorm/driver/SqlInMemory.js';

const escape = (sql: string): string =>
  sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');

/** A TypeORM migration class for the queries the schema builder says are pending. */
export function renderMigration(name: string, timestamp: number, sql: SqlInMemory): string {
  const className = `${name}${timestamp}`;
  const up = sql.upQueries.map((q) => `    await queryRunner.query(\`${escape(q.query)}\`);`).join('\n');
  const down = [...sql.downQueries]
    .reverse()
    .map((q) => `    await queryRunner.query(\`${escape(q.query)}\`);`)
    .join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down}
  }
}
`;
}
