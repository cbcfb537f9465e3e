import { autoLinkKey } from './auto-link.job';

describe('autoLinkKey (what makes two auto-link requests the same singleton run)', () => {
  const a = '6f1c1f7e-0000-4000-8000-000000000001';
  const b = '6f1c1f7e-0000-4000-8000-000000000002';

  it('is the same for the same works in any order, repeated or not', () => {
    expect(autoLinkKey({ workIds: [a, b] })).toBe(autoLinkKey({ workIds: [b, a, b] }));
  });

  it('differs for other works, for every unlinked work, and for a dry run', () => {
    const keys = [
      autoLinkKey({ workIds: [a] }),
      autoLinkKey({ workIds: [b] }),
      autoLinkKey({}),
      autoLinkKey({ dryRun: true }),
      autoLinkKey({ workIds: [a], dryRun: true }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(autoLinkKey({})).toBe('apply:all');
  });
});
