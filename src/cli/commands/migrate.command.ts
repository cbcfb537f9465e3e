import { InjectDataSource } from '@nestjs/typeorm';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DataSource } from 'typeorm';
import { renderMigration } from 'src/database/migration-generator';

interface MigrateOptions {
  generate?: string;
  check?: boolean;
}

/**
 * `soundgraph migrate` applies pending migrations (already done at CLI start-up, so it reports the state);
 * `--generate Name` writes a migration for the difference between the entities and the database;
 * `--check` fails when such a difference exists.
 */
@Command({ name: 'migrate', description: 'apply pending migrations (or generate/check one)' })
export class MigrateCommand extends CommandRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async run(_params: string[], options: MigrateOptions): Promise<void> {
    const pending = await this.dataSource.driver.createSchemaBuilder().log();
    if (options.generate) {
      if (pending.upQueries.length === 0) {
        process.stdout.write('entities and database agree: no migration written\n');
        return;
      }
      const timestamp = Date.now();
      const file = path.resolve('migrations', `${timestamp}-${options.generate}.ts`);
      fs.writeFileSync(file, renderMigration(options.generate, timestamp, pending));
      process.stdout.write(`wrote ${file}; add it to migrations/index.ts\n`);
      return;
    }
    const applied = await this.dataSource.query<{ name: string }[]>(
      'SELECT name FROM typeorm_migrations ORDER BY id',
    );
    process.stdout.write(`migrations applied: ${applied.map((m) => m.name).join(', ') || 'none'}\n`);
    if (options.check && pending.upQueries.length > 0) {
      throw new Error(`entities and database differ:\n${pending.upQueries.map((q) => q.query).join(';\n')}`);
    }
  }

  @Option({ flags: '--generate <name>', description: 'write a migration for pending entity changes' })
  parseGenerate(value: string): string {
    if (!/^[A-Z][A-Za-z0-9]+$/.test(value))
      throw new Error('--generate takes a PascalCase name, e.g. AddWorks');
    return value;
  }

  @Option({ flags: '--check', description: 'exit 1 when entities and migrations differ' })
  parseCheck(): boolean {
    return true;
  }
}
