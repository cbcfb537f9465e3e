import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveInside } from './resolve-inside';

describe('resolveInside', () => {
  let base: string;
  let root: string;
  let outside: string;

  beforeAll(() => {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'resolve-inside-')));
    root = path.join(base, 'root');
    fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(root, 'sub', 'a.csv'), 'a');
    outside = path.join(base, 'secret.csv');
    fs.writeFileSync(outside, 's');
    fs.symlinkSync(outside, path.join(root, 'link.csv'));
    fs.symlinkSync(path.join(root, 'sub', 'a.csv'), path.join(root, 'inner-link.csv'));
  });

  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('takes a relative path from the root', () => {
    expect(resolveInside(root, 'sub/a.csv')).toEqual({ path: path.join(root, 'sub', 'a.csv') });
  });

  it('takes an absolute path inside the root', () => {
    expect(resolveInside(root, path.join(root, 'sub', 'a.csv'))).toEqual({
      path: path.join(root, 'sub', 'a.csv'),
    });
  });

  it('follows a link that stays inside, to the real file', () => {
    expect(resolveInside(root, 'inner-link.csv')).toEqual({ path: path.join(root, 'sub', 'a.csv') });
  });

  it('refuses a `..` escape and an absolute path outside, whether or not the file exists', () => {
    expect(resolveInside(root, '../secret.csv')).toEqual({ refused: 'outside' });
    expect(resolveInside(root, 'sub/../../secret.csv')).toEqual({ refused: 'outside' });
    expect(resolveInside(root, outside)).toEqual({ refused: 'outside' });
    expect(resolveInside(root, path.join(base, 'nope.csv'))).toEqual({ refused: 'outside' });
  });

  it('refuses a link that leads outside', () => {
    expect(resolveInside(root, 'link.csv')).toEqual({ refused: 'outside' });
  });

  it('reports a missing file, and a missing root', () => {
    expect(resolveInside(root, 'missing.csv')).toEqual({ refused: 'missing' });
    expect(resolveInside(path.join(base, 'no-root'), 'a.csv')).toEqual({ refused: 'missing' });
  });

  it('refuses a directory and the root itself', () => {
    expect(resolveInside(root, 'sub')).toEqual({ refused: 'not-a-file' });
    expect(resolveInside(root, '.')).toEqual({ refused: 'outside' });
  });
});
