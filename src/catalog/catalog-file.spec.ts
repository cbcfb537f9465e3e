import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CatalogFileError, describeInvalid, jsonArrayElementLines, parseCatalogFile } from './catalog-file';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-file-'));
const write = (name: string, content: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

describe('parseCatalogFile', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a CSV with every column, normalising ISRCs', async () => {
    const file = write(
      'full.csv',
      'title,artist_name,isrc,duration_ms,external_id\n"Café de Flore",Rue De Vivre,fr-z03-04-00001,201000,W-1\n',
    );
    const parsed = await parseCatalogFile(file);
    expect(parsed.invalid).toEqual([]);
    expect(parsed.valid).toEqual([
      {
        line: 2,
        work: {
          title: 'Café de Flore',
          artistName: 'Rue De Vivre',
          isrc: 'FRZ030400001',
          durationMs: 201000,
          externalId: 'W-1',
        },
      },
    ]);
  });

  it('needs only title and artist_name', async () => {
    const parsed = await parseCatalogFile(write('min.csv', 'artist_name,title\nA,Song\n'));
    expect(parsed.valid[0]?.work).toEqual({
      title: 'Song',
      artistName: 'A',
      isrc: null,
      durationMs: null,
      externalId: null,
    });
  });

  it('reports each bad row with its line number and reason', async () => {
    const file = write(
      'bad.csv',
      'title,artist_name,isrc,duration_ms\nGood,A,,\n,A,,\nSong,B,NOT-AN-ISRC,\nSong,C,,-5\n',
    );
    const parsed = await parseCatalogFile(file);
    expect(parsed.valid.map((v) => v.line)).toEqual([2]);
    expect(describeInvalid(parsed.invalid)).toEqual([
      'line 3: title is required',
      'line 4: isrc "NOT-AN-ISRC" is not an ISRC (12 characters, CC-XXX-YY-NNNNN)',
      'line 5: durationMs must not be negative',
    ]);
  });

  it('rejects a wrong header before any row', async () => {
    await expect(parseCatalogFile(write('hdr.csv', 'name,artist\nA,B\n'))).rejects.toThrow(
      /line 1: the header must be title,artist_name,isrc,duration_ms,external_id .*missing title, artist_name; unknown name, artist/,
    );
  });

  it('reads JSON arrays in either field style, numbering items', async () => {
    const file = write(
      'works.json',
      JSON.stringify([
        { title: 'One', artistName: 'A', durationMs: 1000 },
        { title: 'Two', artist_name: 'B' },
        { title: 'Three' },
      ]),
    );
    const parsed = await parseCatalogFile(file);
    expect(parsed.valid.map((v) => [v.line, v.item, v.work.title, v.work.artistName])).toEqual([
      [1, 1, 'One', 'A'],
      [1, 2, 'Two', 'B'],
    ]);
    expect(describeInvalid(parsed.invalid)).toEqual(['line 1 (item 3): artistName is required']);
  });

  it('names the line where each bad JSON item starts in a pretty-printed file', async () => {
    const file = write(
      'pretty.json',
      JSON.stringify(
        [
          { title: 'Good', artistName: 'A' },
          { title: '', artistName: 'B' },
          { title: 'Song', artistName: 'C', isrc: 'NOT-AN-ISRC' },
          { title: 'Neg', artistName: 'D', durationMs: -5 },
        ],
        null,
        2,
      ),
    );
    // line 1 "[", then 4 lines per item: "{", two or three fields, "}"
    const parsed = await parseCatalogFile(file);
    expect(parsed.valid.map((v) => [v.line, v.item])).toEqual([[2, 1]]);
    expect(describeInvalid(parsed.invalid)).toEqual([
      'line 6 (item 2): title is required',
      'line 10 (item 3): isrc "NOT-AN-ISRC" is not an ISRC (12 characters, CC-XXX-YY-NNNNN)',
      'line 15 (item 4): durationMs must not be negative',
    ]);
  });

  it('is not misled by brackets, commas and escaped quotes inside strings', async () => {
    const text = [
      '\uFEFF[ {"title": "a [b], {c}", "artistName": "say \\"hi\\", [x"},',
      '  {"title": "back\\\\", "artistName": "]"}, {"title": "x\\"", "artistName": "y"},',
      '',
      '  {"title": "", "artistName": ",[{"}',
      ']',
    ].join('\r\n');
    const parsed = await parseCatalogFile(write('tricky.json', text));
    expect(parsed.valid.map((v) => [v.line, v.item, v.work.title, v.work.artistName])).toEqual([
      [1, 1, 'a [b], {c}', 'say "hi", [x'],
      [2, 2, 'back\\', ']'],
      [2, 3, 'x"', 'y'],
    ]);
    expect(describeInvalid(parsed.invalid)).toEqual(['line 4 (item 4): title is required']);
  });

  it('finds where each element of any JSON array starts', () => {
    expect(jsonArrayElementLines('[]')).toEqual([]);
    expect(jsonArrayElementLines('[\n  1,\n  "two",\n  [3, [4]],\n  {"a": [5]}, null\n]')).toEqual([
      2, 3, 4, 5, 5,
    ]);
    expect(jsonArrayElementLines('[\r"a",\r\r"b"]')).toEqual([2, 4]);
  });

  it('rejects JSON that is not an array, and missing files', async () => {
    await expect(parseCatalogFile(write('obj.json', '{"title":"x"}'))).rejects.toBeInstanceOf(
      CatalogFileError,
    );
    await expect(parseCatalogFile(path.join(dir, 'nope.csv'))).rejects.toThrow('no such file');
  });
});
