import * as fs from 'node:fs';
import * as path from 'node:path';

/** Why `resolveInside` refused a path. */
export type PathRefusal = 'outside' | 'missing' | 'not-a-file';

/**
 * A user-given file inside `root` (a relative path is taken from there), symbolic links resolved: its real path, or
 * why it is refused. Both the path as given and where its links lead must stay inside `root`, so that neither `..`
 * nor a link gets out, and nothing says whether a file outside exists.
 */
export function resolveInside(root: string, file: string): { path: string } | { refused: PathRefusal } {
  const candidate = path.resolve(root, file);
  if (!isInside(path.resolve(root), candidate)) return { refused: 'outside' };
  let real: string;
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
    real = fs.realpathSync(candidate);
  } catch {
    return { refused: 'missing' };
  }
  if (!isInside(realRoot, real)) return { refused: 'outside' };
  if (!fs.statSync(real).isFile()) return { refused: 'not-a-file' };
  return { path: real };
}

const isInside = (dir: string, p: string) => p.startsWith(dir + path.sep);
