import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../src/locales/', import.meta.url);

function keysOf(locale: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const file of readdirSync(new URL(`${locale}/`, dir)).filter((f) => f.endsWith('.ftl'))) {
    for (const line of readFileSync(new URL(`${locale}/${file}`, dir), 'utf8').split('\n')) {
      const m = /^([a-z][\w-]*) =/.exec(line);
      if (m?.[1]) {
        expect(keys.has(m[1]), `${m[1]} is defined twice (${keys.get(m[1])} and ${file})`).toBe(false);
        keys.set(m[1], file);
      }
    }
  }
  return keys;
}

describe('locale files', () => {
  it('when Vietnamese and English are compared, then every message exists in both, once', () => {
    const vi = [...keysOf('vi').keys()].sort();
    const en = [...keysOf('en').keys()].sort();
    expect(vi.length).toBeGreaterThan(100);
    expect(en).toEqual(vi);
  });
});
