import { describe, expect, it } from 'vitest';
import { excerpt, highlightContent, markText, normalizeRanges, type Piece } from './highlight';

const ID = 'a'.repeat(24);

/** Pieces as a string, marked text in [brackets], mentions as @id. */
const show = (pieces: readonly Piece[]) =>
  pieces
    .map((piece) => {
      const text = piece.kind === 'text' ? piece.text : `@${piece.userId.slice(0, 3)}`;
      return piece.marked ? `[${text}]` : text;
    })
    .join('');

describe('normalizeRanges', () => {
  it('clamps, drops empty and malformed ranges, sorts and merges overlapping or touching ones', () => {
    expect(
      normalizeRanges(
        [
          [8, 12],
          [0, 3],
          [2, 5],
          [5, 6],
          [7, 7],
          [10, 99],
          [-4, 0],
          [1.5, 2],
        ],
        11,
      ),
    ).toEqual([
      [0, 6],
      [8, 11],
    ]);
  });
});

describe('markText', () => {
  it('cuts the text at the ranges', () => {
    expect(
      markText('Hello world, hello', [
        [0, 5],
        [13, 18],
      ]),
    ).toEqual([
      { text: 'Hello', marked: true },
      { text: ' world, ', marked: false },
      { text: 'hello', marked: true },
    ]);
  });

  it('leaves the text whole without ranges', () => {
    expect(markText('nothing', [])).toEqual([{ text: 'nothing', marked: false }]);
  });

  it('counts UTF-16 code units, as the server does (emoji and accents)', () => {
    const text = 'I 😀 café';
    // 😀 is two code units: "café" starts at 5.
    expect(show(markText(text, [[5, 9]]).map((piece) => ({ kind: 'text' as const, ...piece })))).toBe(
      'I 😀 [café]',
    );
  });
});

describe('highlightContent', () => {
  it('keeps mentions whole and maps the ranges around them', () => {
    const content = `hi @${ID} see the report`;
    const report = content.indexOf('report');
    expect(show(highlightContent(content, [[report, report + 6]]))).toBe('hi @aaa see the [report]');
  });

  it('marks a mention a range touches', () => {
    const content = `ping @${ID}`;
    expect(show(highlightContent(content, [[6, 10]]))).toBe('ping [@aaa]');
  });

  it('splits a range that spans a mention into the text on each side', () => {
    const content = `ab @${ID} cd`;
    expect(show(highlightContent(content, [[0, content.length]]))).toBe('[ab ][@aaa][ cd]');
  });
});

describe('excerpt', () => {
  const long = `${'x'.repeat(200)} needle ${'y'.repeat(200)}`;

  it('keeps short text as it is', () => {
    const pieces = highlightContent('short [one]', [[0, 5]]);
    expect(excerpt(pieces, 100)).toEqual(pieces);
  });

  it('cuts long text around the first match with context and ellipses', () => {
    const start = long.indexOf('needle');
    const cut = show(excerpt(highlightContent(long, [[start, start + 6]]), 60, 10));
    expect(cut).toBe(`…${'x'.repeat(9)} [needle] ${'y'.repeat(43)}…`);
  });

  it('shows the end in full when the match is near it', () => {
    const text = `${'x'.repeat(100)} end`;
    const cut = show(excerpt(highlightContent(text, [[101, 104]]), 20, 10));
    expect(cut).toBe(`…${'x'.repeat(16)} [end]`);
  });

  it('never splits a surrogate pair', () => {
    const text = `${'😀'.repeat(30)} needle`;
    const start = text.indexOf('needle');
    const cut = excerpt(highlightContent(text, [[start, start + 6]]), 20, 5);
    const joined = cut.map((piece) => (piece.kind === 'text' ? piece.text : '')).join('');
    expect(joined).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(show(cut)).toContain('[needle]');
  });
});
