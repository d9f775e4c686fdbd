import { describe, expect, it } from 'vitest';
import { DATE_PHRASES } from './fixtures/dates/phrases.js';
import { judge, readCorpusPhrase } from './support/date-corpus.js';

/**
 * Expected values the reader disagrees with and that we believe are wrong in the fixture, each
 * with why; they are reported for adjudication, never edited to match the reader.
 */
export const DISPUTED: Record<string, string> = {};

/**
 * Phrases the reader does not read yet (listed in `npm run bench -- dates`): each runs as a test
 * that must fail, so the day it is read right this list has to shrink.
 */
const KNOWN_MISSES: Record<string, string> = {
  'Lễ hội đền Suối Mỡ (30 – 3 và 1- 4 ÂL)': '"30 – 3" for day 30 of month 3 is not a date form the grammar knows; it reads nothing (no guess)',
};

describe('the date reader over real phrases from public notices (tests/fixtures/dates/phrases.ts)', () => {
  const cases = DATE_PHRASES.filter((c) => !(c.phrase in DISPUTED) && !(c.phrase in KNOWN_MISSES));
  it.fails.each(DATE_PHRASES.filter((c) => c.phrase in KNOWN_MISSES).map((c) => [c.phrase, c] as const))('when "%s" is read, then it is a known miss', (_phrase, c) => {
    expect(readCorpusPhrase(c)).toEqual(c.expect);
  });

  it.each(cases.map((c) => [c.phrase, c] as const))('when "%s" is read, then it gives the hand-written start and end', (_phrase, c) => {
    const got = readCorpusPhrase(c);
    if ('unreadable' in c.expect) {
      expect(judge(c, got), JSON.stringify(got)).toBe('unreadable-correct');
    } else {
      expect(got).toEqual(c.expect);
    }
  });

  it('when the corpus is counted, then it holds at least 150 phrases', () => {
    expect(DATE_PHRASES.length).toBeGreaterThanOrEqual(150);
  });
});
