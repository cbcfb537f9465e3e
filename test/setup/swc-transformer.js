// Jest runs CommonJS; NestJS 12 and a few of its dependencies ship ESM only. Node itself loads them through
// require(esm), but Jest's module system cannot, so ESM files (ours in TypeScript, and ESM-only packages in
// node_modules) go through swc to CommonJS. CommonJS files in node_modules pass through untouched.
const { createTransformer } = require('@swc/jest');
const { typescriptOptions } = require('../support/swc-options');

const typescript = createTransformer(typescriptOptions({ ignoreDynamic: false }));
const javascript = createTransformer({
  swcrc: false,
  sourceMaps: false,
  module: { type: 'commonjs', ignoreDynamic: false },
  jsc: { target: 'es2023', parser: { syntax: 'ecmascript' }, keepClassNames: true },
});

const ESM_SYNTAX = /^\s*(import\s*[\w*{'"]|export\s+[\w*{]|export\s+default\b)/m;

module.exports = {
  canInstrument: false,
  getCacheKey(source, filename, options) {
    const transformer = filename.endsWith('.ts') ? typescript : javascript;
    return transformer.getCacheKey(source, filename, options);
  },
  process(source, filename, options) {
    if (filename.endsWith('.ts')) return typescript.process(source, filename, options);
    if (!ESM_SYNTAX.test(source)) return { code: source };
    return javascript.process(source, filename, options);
  },
};
