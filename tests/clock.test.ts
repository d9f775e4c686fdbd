import { describe, expect, it } from 'vitest';
import { formatLocal } from '../src/core/clock.js';

describe('formatLocal', () => {
  const at = new Date('2026-06-14T10:05:42Z');

  it('when one instant is formatted for two zones and two formats, then each answer is its own (the memo keeps them apart)', () => {
    expect(formatLocal(at, 'Asia/Ho_Chi_Minh')).toBe('14/06/2026 17:05');
    expect(formatLocal(at, 'UTC')).toBe('14/06/2026 10:05');
    expect(formatLocal(at, 'Asia/Ho_Chi_Minh', 'dd/MM')).toBe('14/06');
    expect(formatLocal(new Date('2026-06-14T10:05:59Z'), 'Asia/Ho_Chi_Minh')).toBe('14/06/2026 17:05');
    expect(formatLocal(new Date('2026-06-14T10:06:00Z'), 'Asia/Ho_Chi_Minh')).toBe('14/06/2026 17:06');
  });

  it('when a format shows seconds, then two instants of the same minute are told apart', () => {
    expect(formatLocal(at, 'Asia/Ho_Chi_Minh', 'HH:mm:ss')).toBe('17:05:42');
    expect(formatLocal(new Date('2026-06-14T10:05:07Z'), 'Asia/Ho_Chi_Minh', 'HH:mm:ss')).toBe('17:05:07');
  });
});
