// Jest runs CommonJS; NestJS 12 and a few of its dependencies ship ESM only. Node itself loads them through
// require(esm), but Jest's module system cannot, so ESM files (ours in TypeScript, and ESM-only packages in
// node_modules) go through swc to CommonJS. CommonJS files in node_modules pass through untouched.
const path = require('node:path');
const { createTransformer } = require('@swc/jest');

const root = path.resolve(__dirname, '..', '..');
const common = {
  swcrc: false,
  sourceMaps: 'inline',
  // import() becomes require(): Jest's module system has no native dynamic import without VM modules.
  module: { type: 'commonjs', ignoreDynamic: false },
};
const typescript = createTransformer({
  ...common,
  jsc: {
    target: 'es2023',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
    baseUrl: root,
    paths: { 'src/*': ['./src/*'], 'test/*': ['./test/*'] },
  },
});
const javascript = createTransformer({
  ...common,
  sourceMaps: false,
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
