#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts in its own process (TypeScript compiled on the fly by swc), collects
// the figures each prints on a `BENCH_RESULT {json}` line, writes bench/results/latest.json and the table in
// bench/README.md. `npm run bench -- jobruns` runs only the benchmarks whose file name contains "jobruns".
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const dir = __dirname;
const root = path.resolve(dir, '..');
const filter = process.argv[2];
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();

const resultsFile = path.join(dir, 'results', 'latest.json');
const previous = fs.existsSync(resultsFile)
  ? JSON.parse(fs.readFileSync(resultsFile, 'utf8'))
  : { benchmarks: {} };
const results = {
  generatedAt: new Date().toISOString(),
  machine: {
    node: process.version,
    platform: `${os.platform()}-${os.arch()}`,
    cpus: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  },
  benchmarks: { ...previous.benchmarks },
};
let failed = false;
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  process.stdout.write(`\n== ${name}\n`);
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '-r', path.join(root, 'test/support/register-ts.js'), path.join(dir, file)],
    {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'warn', TZ: 'UTC' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  process.stdout.write(
    run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('BENCH_RESULT '))
      .join('\n'),
  );
  const line = run.stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (run.status !== 0 || !line) {
    process.stderr.write(`benchmark ${name} failed (exit ${run.status})\n`);
    failed = true;
    continue;
  }
  results.benchmarks[name] = {
    ranAt: new Date().toISOString(),
    ...JSON.parse(line.slice('BENCH_RESULT '.length)),
  };
}

fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

const rows = Object.entries(results.benchmarks).flatMap(([name, b]) =>
  b.rows.map(
    (r) =>
      `| ${name} | ${r.measure} | ${r.value} | ${r.unit} | ${r.target ?? ''} | ${b.ranAt.slice(0, 10)} |`,
  ),
);
const table = [
  `Machine: ${results.machine.platform}, ${results.machine.cpus} cores, ${results.machine.memoryGiB} GiB, Node ${results.machine.node}.`,
  '',
  '| benchmark | measure | value | unit | target | run on |',
  '|---|---|---|---|---|---|',
  ...rows,
].join('\n');
const readme = path.join(dir, 'README.md');
const text = fs.readFileSync(readme, 'utf8');
const start = '<!-- results:start -->';
const end = '<!-- results:end -->';
const updated = text.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${table}\n${end}`);
fs.writeFileSync(readme, updated);
process.stdout.write(`\nwrote ${path.relative(root, resultsFile)} and the table in bench/README.md\n`);
process.exit(failed ? 1 : 0);
