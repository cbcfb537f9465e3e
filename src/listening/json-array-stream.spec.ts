import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JsonArrayError, JsonArrayItem, JsonArrayScanner, readJsonArray } from './json-array-stream';

const ELEMENTS: unknown[] = [
  { ts: '2026-01-01T00:00:00Z', name: 'Brackets ] } [ { and "quotes" \\ inside', n: 1 },
  { nested: { deeper: [1, [2, { x: 'y' }]] }, empty: {}, list: [] },
  { unicode: 'Café de Flore — 東京 🎧', escaped: '\u00e9\n\t' },
  'a bare string with , and ]',
  42,
  -1.5e3,
  true,
  null,
  [],
];
const TEXT = `\n  [ ${ELEMENTS.map((e, i) => (i % 2 ? JSON.stringify(e, null, 2) : JSON.stringify(e))).join(' ,\n')} ]\n`;
const BYTES = Buffer.from(TEXT, 'utf8');

function scan(bytes: Buffer, chunkSize: number, start = 0): JsonArrayItem[] {
  const scanner = new JsonArrayScanner(start);
  const items: JsonArrayItem[] = [];
  for (let i = start; i < bytes.length; i += chunkSize) {
    items.push(...scanner.push(bytes.subarray(i, Math.min(bytes.length, i + chunkSize))));
  }
  scanner.finish();
  return items;
}

describe('JsonArrayScanner', () => {
  it.each([1, 2, 3, 7, 64, 1 << 20])('yields every element whatever the chunk size (%i bytes)', (size) => {
    expect(scan(BYTES, size).map((i) => i.value)).toEqual(ELEMENTS);
  });

  it('reports the byte offset after each element, and resumes from any of them', () => {
    const items = scan(BYTES, 5);
    for (const [index, item] of items.entries()) {
      const before = BYTES.subarray(0, item.end).toString('utf8');
      expect(before.trimEnd().endsWith(JSON.stringify(ELEMENTS[index]).slice(-1))).toBe(true);
      const rest = scan(BYTES, 3, item.end).map((i) => i.value);
      expect(rest).toEqual(ELEMENTS.slice(index + 1));
    }
  });

  it('accepts an empty array and a byte-order mark', () => {
    expect(scan(Buffer.from('[]'), 1)).toEqual([]);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[{"a":1}]')]);
    expect(scan(bom, 2).map((i) => i.value)).toEqual([{ a: 1 }]);
  });

  it('refuses what is not one JSON array', () => {
    const error = (text: string) => {
      try {
        scan(Buffer.from(text), 4);
      } catch (e) {
        return e as JsonArrayError;
      }
      throw new Error(`accepted ${text}`);
    };
    expect(error('{"a":1}')).toBeInstanceOf(JsonArrayError);
    expect(error('[{"a":1},').message).toMatch(/not closed/);
    expect(error('[{"a":1}').message).toMatch(/not closed/);
    expect(error('[{"a":1}] x').message).toMatch(/after the array/);
    expect(error('[{"a":1},,{"b":2}]').message).toMatch(/expected an array element/);
    expect(error('[{"a":1} {"b":2}]').message).toMatch(/expected "," or "]"/);
    const bad = error('[{"a":1},{"b":tru}]');
    expect(bad.message).toMatch(/invalid element/);
    expect(bad.offset).toBe(9);
  });
});

describe('readJsonArray', () => {
  it('streams a file, and from an offset', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'json-array-'));
    const file = path.join(dir, 'history.json');
    fs.writeFileSync(file, BYTES);
    try {
      const all: JsonArrayItem[] = [];
      for await (const item of readJsonArray(file, { chunkBytes: 16 })) all.push(item);
      expect(all.map((i) => i.value)).toEqual(ELEMENTS);
      const rest: unknown[] = [];
      for await (const item of readJsonArray(file, { start: all[2].end, chunkBytes: 16 }))
        rest.push(item.value);
      expect(rest).toEqual(ELEMENTS.slice(3));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
