import { parseQualifier } from './title-qualifiers';

describe('parseQualifier', () => {
  it.each([
    ['remastered 2011', ['remaster'], []],
    ['2011 remaster', ['remaster'], []],
    ['2009 digital remaster', ['remaster'], []],
    ['remastered version', ['remaster'], []],
    ['mono', ['mono'], []],
    ['stereo mix', ['stereo'], []],
    ['single version', ['single version'], []],
    ['album version', ['album version'], []],
    ['original mix', ['original mix'], []],
    ['live', [], ['live']],
    ['live at red rocks', [], ['live']],
    ['live a lolympia', [], ['live']],
    ['en vivo desde madrid', [], ['live']],
    ['radio edit', [], ['radio edit']],
    ['edit', [], ['radio edit']],
    ['acoustic version', [], ['acoustic']],
    ['akustisk', [], ['acoustic']],
    ['dj solenne remix', [], ['remix']],
    ['remixed by nordlys', [], ['remix']],
    ['extended mix', [], ['extended']],
    ['instrumental', [], ['instrumental']],
    ['demo', [], ['demo']],
    ['reprise', [], ['reprise']],
    ['live remastered 2011', ['remaster'], ['live']],
  ])('"%s" → neutral %j, version %j', (segment, neutral, version) => {
    expect(parseQualifier(segment)).toEqual({ neutral, version });
  });

  it.each(['nordlys', 'never let go', 'live forever', 'pt 2', 'the mix of love', 'single ladies'])(
    '"%s" is part of the name',
    (segment) => {
      expect(parseQualifier(segment)).toBeNull();
    },
  );
});
