#!/usr/bin/env node
// The `soundgraph` command. Runs the compiled CLI; `npm run cli -- ...` builds first.
const fs = require('node:fs');
const path = require('node:path');

const entry = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write(
    'soundgraph: not built yet. Run `npm run build` (or use `npm run cli -- <command>`).\n',
  );
  process.exit(1);
}
require(entry);
