// `npm run bench -- dates`: how many corpus phrases the one date reader reads right (issue 19).
import { DATE_PHRASES } from '../fixtures/dates/phrases.js';
import { judge, readCorpusPhrase } from '../support/date-corpus.js';

export async function run(): Promise<void> {
  let right = 0;
  let unreadable = 0;
  const misses: string[] = [];
  for (const c of DATE_PHRASES) {
    const got = readCorpusPhrase(c);
    const verdict = judge(c, got);
    if (verdict === 'right') right++;
    else if (verdict === 'unreadable-correct') unreadable++;
    else misses.push(`  ✗ ${c.phrase}\n      now ${c.now}  expected ${JSON.stringify(c.expect)}\n      got ${JSON.stringify(got)}`);
  }
  const n = DATE_PHRASES.length;
  const k = right + unreadable;
  console.log(`dates: ${k}/${n} right (${((100 * k) / n).toFixed(1)}%), ${unreadable} unreadable-correct, ${misses.length} wrong`);
  if (misses.length) console.log(misses.join('\n'));
  await Promise.resolve();
}
