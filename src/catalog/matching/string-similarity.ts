// Edit-distance similarity. Titles are short and already folded, so plain Levenshtein is cheap and, unlike token-set
// measures, does not call "Golden City" and "Golden City, Pt. 2" a perfect match.

export function levenshtein(left: string, right: string): number {
  if (left === right) return 0;
  // Code points, not UTF-16 units, so a character outside the BMP counts as one edit.
  const a = [...left];
  const b = [...right];
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/** 1 − distance / length of the longer string: 1 for equal strings, 0 for nothing in common. */
export function similarityRatio(a: string, b: string): number {
  const longer = Math.max([...a].length, [...b].length);
  return longer === 0 ? 1 : 1 - levenshtein(a, b) / longer;
}
