import { describe, expect, it } from 'vitest';
import { formatWholeNumber, parseWholeNumber } from '../src/core/numbers.js';
import { parseUnitLines } from '../src/onboarding/units.rules.js';
import { splitLines } from '../src/telegram/split.js';

describe('parseWholeNumber', () => {
  it.each([
    ['120', 120],
    ['1.200', 1200],
    ['1 200', 1200],
    [' 0 ', 0],
    ['12.345.678', 12345678],
  ])('when given "%s", then it reads %d', (input, expected) => {
    expect(parseWholeNumber(input)).toBe(expected);
  });

  it.each(['12abc', '1,5', 'mười', '-3', '1.20', '', '1..200', '+5'])('when given "%s", then it is refused', (input) => {
    expect(parseWholeNumber(input)).toBeNull();
  });

  it('when formatting 1240, then it uses the Vietnamese thousands separator', () => {
    expect(formatWholeNumber(1240)).toBe('1.240');
    expect(formatWholeNumber(999)).toBe('999');
  });
});

describe('parseUnitLines', () => {
  it('when lines have names and optional households, then each becomes a unit', () => {
    expect(parseUnitLines('Khối 1; 120\n\n  Khối 2 ;1.050\nKhối   3')).toEqual({
      units: [
        { name: 'Khối 1', households: 120 },
        { name: 'Khối 2', households: 1050 },
        { name: 'Khối 3', households: null },
      ],
      errors: [],
    });
  });

  it('when lines are bad, then each is reported with its line number and reason', () => {
    const { errors } = parseUnitLines('Khối 1; 12a\n; 5\nKhối 2\nkhối 2\n' + 'x'.repeat(81));
    expect(errors.map((e) => [e.lineNo, e.reason])).toEqual([
      [1, 'households-invalid'],
      [2, 'name-missing'],
      [4, 'duplicate'],
      [5, 'name-too-long'],
    ]);
  });
});

describe('splitLines', () => {
  it('when lines exceed the limit together, then they are split between lines and none is cut', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `Khối ${i + 1} — Nguyễn Văn Trưởng (trưởng)`);
    const chunks = splitLines(lines);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(4096);
    expect(chunks.join('\n').split('\n')).toEqual(lines);
  });
});
