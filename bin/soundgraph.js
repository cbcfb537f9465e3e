#!/usr/bin/env node
// The `soundgraph` command. Runs the compiled CLI, building it first on a fresh clone (dist/ is not committed);
// `npm run cli -- ...` always rebuilds.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const entry = path.join(root, 'dist', 'src', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('soundgraph: first run, building the service (npm run build)…\n');
  try {
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '-s', 'build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  } catch {
    process.stderr.write('soundgraph: the build failed; run `npm run build` to see why.\n');
    process.exit(1);
  }
}
require(entry);
