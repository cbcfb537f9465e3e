// The swc options for our TypeScript, shared by Jest's transformer and the require hook of spawned processes
// (the build uses .swcrc, the same settings with a relative baseUrl).
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');

/** `ignoreDynamic: false` turns import() into require(), for Jest, whose module system has no native import(). */
exports.typescriptOptions = ({ ignoreDynamic }) => ({
  swcrc: false,
  sourceMaps: 'inline',
  module: { type: 'commonjs', ignoreDynamic },
  jsc: {
    target: 'es2023',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
    baseUrl: root,
    paths: { 'src/*': ['./src/*'], 'test/*': ['./test/*'] },
  },
});
