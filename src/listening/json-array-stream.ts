// A streaming reader for files that hold one JSON array (Spotify's data exports, hundreds of MB): yields each
// element with the byte offset just after it, so an import can checkpoint that offset and resume there. Only one
// element is held in memory at a time. The scanner works on bytes: every structural character of JSON is ASCII,
// and no byte of a multi-byte UTF-8 sequence is, so strings need no decoding until an element is parsed.
import * as fs from 'node:fs';

export interface JsonArrayItem {
  value: unknown;
  /** Byte offset just after the element: where reading resumes. */
  end: number;
}

export class JsonArrayError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
    this.name = 'JsonArrayError';
  }
}

const enum State {
  BeforeArray,
  BeforeElement,
  /** Right after `[`: an element or `]`. */
  FirstElement,
  InElement,
  AfterElement,
  Done,
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

const BOM = [0xef, 0xbb, 0xbf];

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** Feed chunks in order; each call returns the elements completed by that chunk. */
export class JsonArrayScanner {
  private state: State;
  private offset: number;
  private parts: Buffer[] = [];
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The element is a bare scalar (number, true, false, null): it ends before `,` `]` or whitespace. */
  private scalar = false;
  private elementStart = 0;

  /** `start` > 0 resumes right after an element that ended at that offset. */
  constructor(start = 0) {
    this.offset = start;
    this.state = start > 0 ? State.AfterElement : State.BeforeArray;
  }

  push(chunk: Buffer): JsonArrayItem[] {
    const items: JsonArrayItem[] = [];
    const base = this.offset;
    let i = 0;
    let elementFrom = this.state === State.InElement ? 0 : -1;
    const n = chunk.length;
    while (i < n) {
      const b = chunk[i];
      switch (this.state) {
        case State.BeforeArray:
          if (b === OPEN_BRACKET) this.state = State.FirstElement;
          else if (base + i < 3 && b === BOM[base + i]) {
            // a UTF-8 byte-order mark at the very start (Windows editors write one)
          } else if (!isSpace(b)) throw new JsonArrayError('expected a JSON array', base + i);
          i++;
          break;
        case State.FirstElement:
        case State.BeforeElement:
          if (isSpace(b)) {
            i++;
          } else if (b === CLOSE_BRACKET && this.state === State.FirstElement) {
            this.state = State.Done;
            i++;
          } else if (b === CLOSE_BRACKET || b === COMMA) {
            throw new JsonArrayError('expected an array element', base + i);
          } else {
            this.state = State.InElement;
            this.elementStart = base + i;
            elementFrom = i;
            this.depth = 0;
            this.inString = false;
            this.escaped = false;
            this.scalar = b !== OPEN_BRACE && b !== OPEN_BRACKET && b !== QUOTE;
          }
          break;
        case State.InElement: {
          const end = this.scanElement(chunk, i);
          if (end < 0) {
            i = n;
            break;
          }
          this.parts.push(chunk.subarray(elementFrom, end));
          items.push({ value: this.parseElement(), end: base + end });
          elementFrom = -1;
          this.state = State.AfterElement;
          i = end;
          break;
        }
        case State.AfterElement:
          if (b === COMMA) this.state = State.BeforeElement;
          else if (b === CLOSE_BRACKET) this.state = State.Done;
          else if (!isSpace(b)) throw new JsonArrayError('expected "," or "]"', base + i);
          i++;
          break;
        case State.Done:
          if (!isSpace(b)) throw new JsonArrayError('unexpected data after the array', base + i);
          i++;
          break;
      }
    }
    if (this.state === State.InElement && elementFrom >= 0) this.parts.push(chunk.subarray(elementFrom));
    this.offset = base + n;
    return items;
  }

  /** Call after the last chunk: throws when the array is not closed. */
  finish(): JsonArrayItem[] {
    if (this.state !== State.Done) throw new JsonArrayError('the array is not closed', this.offset);
    return [];
  }

  /** Index just after the element's last byte in `chunk`, or -1 when it continues in the next chunk. */
  private scanElement(chunk: Buffer, from: number): number {
    const n = chunk.length;
    let i = from;
    if (this.scalar) {
      while (i < n) {
        const b = chunk[i];
        if (b === COMMA || b === CLOSE_BRACKET || isSpace(b)) return i;
        i++;
      }
      return -1;
    }
    while (i < n) {
      if (this.inString) {
        const b = chunk[i];
        if (this.escaped) {
          this.escaped = false;
        } else if (b === BACKSLASH) {
          this.escaped = true;
        } else if (b === QUOTE) {
          this.inString = false;
          if (this.depth === 0) return i + 1; // a bare string element
        }
        i++;
        continue;
      }
      const b = chunk[i];
      if (b === QUOTE) this.inString = true;
      else if (b === OPEN_BRACE || b === OPEN_BRACKET) this.depth++;
      else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
        this.depth--;
        if (this.depth === 0) return i + 1;
      }
      i++;
    }
    return -1;
  }

  private parseElement(): unknown {
    const bytes = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts);
    this.parts = [];
    try {
      return JSON.parse(bytes.toString('utf8')) as unknown;
    } catch (error) {
      throw new JsonArrayError(`invalid element (${(error as Error).message})`, this.elementStart);
    }
  }
}

/** Streams the elements of the array in `file`, from byte `start` (0, or an `end` an earlier read yielded). */
export async function* readJsonArray(
  file: string,
  options: { start?: number; chunkBytes?: number } = {},
): AsyncGenerator<JsonArrayItem> {
  const scanner = new JsonArrayScanner(options.start ?? 0);
  const stream = fs.createReadStream(file, {
    start: options.start ?? 0,
    highWaterMark: options.chunkBytes ?? 1 << 20,
  });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    for (const item of scanner.push(chunk)) yield item;
  }
  scanner.finish();
}
