import { describe, expect, it } from 'vitest';
import { fileBadge, fitWithin, formatBytes, formatDuration, spokenDuration } from './media-format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1 KB'],
    [1536, '1.5 KB'],
    [12_345, '12 KB'],
    [999_499, '999 KB'],
    [999_500, '1 MB'],
    [1_400_000, '1.4 MB'],
    [26_214_400, '26 MB'],
    [3_000_000_000, '3 GB'],
  ])('%d bytes read as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('shows nothing for a size it cannot read', () => {
    expect(formatBytes(Number.NaN)).toBe('');
    expect(formatBytes(-1)).toBe('');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [1000, '0:01'],
    [65_400, '1:05'],
    [600_000, '10:00'],
    [3_725_000, '1:02:05'],
    [Number.POSITIVE_INFINITY, '0:00'],
    [-5, '0:00'],
  ])('%d ms shows as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('speaks durations in words', () => {
    expect(spokenDuration(1000)).toBe('1 second');
    expect(spokenDuration(65_000)).toBe('1 minute 5 seconds');
    expect(spokenDuration(120_000)).toBe('2 minutes');
  });
});

describe('fileBadge', () => {
  it('prefers the extension, then the MIME subtype', () => {
    expect(fileBadge('report.pdf', 'application/pdf')).toBe('PDF');
    expect(fileBadge('notes', 'text/plain')).toBe('PLAI');
    expect(
      fileBadge('a.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
    ).toBe('DOCX');
    expect(fileBadge('.bashrc', '')).toBe('FILE');
  });
});

describe('fitWithin', () => {
  it('scales a large image down to the box, keeping its aspect ratio, and never scales up', () => {
    expect(fitWithin(480, 320, 320, 320)).toEqual({ width: 320, height: 213 });
    expect(fitWithin(1000, 4000, 320, 320)).toEqual({ width: 80, height: 320 });
    expect(fitWithin(40, 30, 320, 320)).toEqual({ width: 40, height: 30 });
    expect(fitWithin(10_000, 1, 320, 320)).toEqual({ width: 320, height: 1 });
  });
});
