// A require hook for child processes that tests and benchmarks spawn (real service processes): compiles our .ts
// files with swc. Node itself loads the ESM-only packages through require(esm), so only our files need compiling.
const fs = require('node:fs');
const Module = require('node:module');
const { transformSync } = require('@swc/core');
const { typescriptOptions } = require('./swc-options');

const options = typescriptOptions({ ignoreDynamic: true });

Module._extensions['.ts'] = function compile(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
