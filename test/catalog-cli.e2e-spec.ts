import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpotifyCatalog } from '../src/sandbox/spotify';
import { runTs } from './support/processes';
import { createTestDatabase } from './support/test-database';
import { adminQueryIn } from './support/test-app';

const catalog = SpotifyCatalog.generate();
const cafe = catalog.trackById(catalog.known.accentedTrackId)!;

describe('soundgraph catalog (CLI)', () => {
  let databaseUrl: string;
  let dir: string;
  let env: Record<string, string>;
  const count = async () =>
    (await adminQueryIn<{ n: number }>(databaseUrl, 'SELECT count(*)::int AS n FROM work'))[0].n;
  const file = (name: string, content: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, content);
    return f;
  };

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-cli-'));
    env = { DATABASE_URL: databaseUrl, DATA_DIR: dir, LOG_LEVEL: 'warn' };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a file with bad rows, naming their lines, and writes nothing', async () => {
    const bad = file('bad.csv', 'title,artist_name,isrc,duration_ms\nGood,A,,\n,B,,\nC,C,BAD,\nD,D,,-1\n');
    const result = await runTs('src/cli/main.ts', ['catalog', 'import', bad], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('3 invalid row(s); nothing imported');
    expect(result.stderr).toContain('line 3: title is required');
    expect(result.stderr).toContain('line 4: isrc "BAD" is not an ISRC');
    expect(result.stderr).toContain('line 5: durationMs must not be negative');
    expect(await count()).toBe(0);

    const header = await runTs('src/cli/main.ts', ['catalog', 'import', file('h.csv', 'name\nx\n')], env);
    expect(header.code).toBe(1);
    expect(header.stderr).toContain('line 1: the header must be');
  }, 60_000);

  it('refuses a JSON file with a bad element, naming the line where it starts, and writes nothing', async () => {
    const works = [
      { title: 'Good [1], "quoted"', artistName: 'A' },
      { title: '', artistName: 'B' },
      { title: 'Fine', artistName: 'C' },
    ];
    const bad = file('bad.json', JSON.stringify(works, null, 2));
    const result = await runTs('src/cli/main.ts', ['catalog', 'import', bad], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('1 invalid row(s); nothing imported');
    // "[" on line 1, each element 4 lines: the second starts on line 6
    expect(result.stderr).toContain('line 6 (item 2): title is required');
    expect(await count()).toBe(0);
  }, 60_000);

  it('imports the good rows with --skip-invalid, and a second import changes nothing', async () => {
    const mixed = file(
      'mixed.csv',
      `title,artist_name,isrc,external_id\nCafe de Flore,Rue De Vivre,${cafe.isrc},C1\n,B,,\n`,
    );
    const first = await runTs('src/cli/main.ts', ['catalog', 'import', mixed, '--skip-invalid'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('imported 1 work(s)');
    expect(first.stderr).toContain('line 3: title is required');
    const again = await runTs('src/cli/main.ts', ['catalog', 'import', mixed, '--skip-invalid'], env);
    expect(again.code).toBe(0);
    expect(await count()).toBe(1);
  }, 60_000);

  it('auto-links in its own process with a progress bar, dry run first', async () => {
    const dry = await runTs('src/cli/main.ts', ['catalog', 'link', '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('"dryRun": true');
    expect(await adminQueryIn(databaseUrl, 'SELECT 1 FROM work_link')).toHaveLength(0);

    const real = await runTs('src/cli/main.ts', ['catalog', 'link'], env);
    expect(real.code).toBe(0);
    expect(real.stderr).toMatch(/auto-link \[.*\] 100% \| 1\/1 \| SUCCEEDED/);
    const links = await adminQueryIn<{ method: string }>(databaseUrl, 'SELECT method FROM work_link');
    expect(links).toEqual([{ method: 'ISRC' }]);

    const verify = await runTs('src/cli/main.ts', ['catalog', 'verify'], env);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('"ok": 1');
  }, 90_000);
});
