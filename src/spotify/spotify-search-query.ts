// Spotify's search syntax has no escape character: a double quote always ends a quoted value. Quotes inside a value
// are therefore replaced by spaces (search matching ignores punctuation anyway), which keeps the filter intact.

function quoted(value: string): string {
  return `"${value.replace(/"/g, ' ').replace(/\s+/g, ' ').trim()}"`;
}

export function isrcQuery(isrc: string): string {
  return `isrc:${isrc}`;
}

/** `track:"…" artist:"…"`; the artist filter is left out when no artist is given. */
export function trackQuery(input: { title: string; artist?: string }): string {
  const parts = [`track:${quoted(input.title)}`];
  if (input.artist !== undefined && input.artist.trim() !== '') parts.push(`artist:${quoted(input.artist)}`);
  return parts.join(' ');
}

export function artistQuery(name: string): string {
  return `artist:${quoted(name)}`;
}
