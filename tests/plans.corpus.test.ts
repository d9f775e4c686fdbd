import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../src/plans/plan-parser.js';
import { campaignNameOf } from '../src/plans/plans.review.js';
import { communeUnits, scoreDraft, ZONE } from './bench/import-score.js';
import { EXPECTED as HELD_OUT } from './fixtures/plans/heldout/expected.js';
import { EXPECTED as HELD_OUT_2 } from './fixtures/plans/heldout2/expected.js';
import { EXPECTED as HELD_OUT_3 } from './fixtures/plans/heldout3/expected.js';
import { EXPECTED as HELD_OUT_4 } from './fixtures/plans/heldout4/expected.js';
import { EXPECTED as HELD_OUT_5 } from './fixtures/plans/heldout5/expected.js';
import { EXPECTED, type ExpectedDraft } from './fixtures/plans/real/expected.js';

/** The notices as pasted (the bench also reads them as DOCX and PDF), with the day the office received them. */
function read(dir: string, file: string): { text: string; received: DateTime } {
  const raw = readFileSync(new URL(`./fixtures/plans/${dir}/${file}`, import.meta.url), 'utf8');
  const date = /^# date: (\d{4}-\d{2}-\d{2})/m.exec(raw)?.[1] ?? '2026-01-01';
  return { text: raw.split('\n').filter((l) => !l.startsWith('# ')).join('\n'), received: DateTime.fromISO(date, { zone: ZONE }) };
}

function scoreSet(dir: string, expected: ExpectedDraft[]) {
  return expected.map((exp) => {
    const { text, received } = read(dir, exp.file);
    const units = communeUnits(exp);
    const draft = parsePlan(text, { zone: ZONE, units, defaultYear: received.year, received: received.toJSDate() });
    return { file: exp.file, score: scoreDraft(draft, exp, units, (d) => campaignNameOf(d.title)) };
  });
}

const rightShare = (scores: ReturnType<typeof scoreSet>) => scores.filter((s) => s.score.right).length / scores.length;
const misses = (scores: ReturnType<typeof scoreSet>) => scores.filter((s) => !s.score.right).map((s) => s.file).join(', ');
const spurious = (scores: ReturnType<typeof scoreSet>) => scores.flatMap((s) => s.score.spurious.map((i) => `${s.file}: ${i.title}`));

describe('plan import on the real-notice corpus', () => {
  const scores = scoreSet('real', EXPECTED);

  it('when every notice of the corpus is pasted, then at least 95% of the drafts are right and none has a spurious task', () => {
    expect(scores.length).toBeGreaterThanOrEqual(40);
    expect(rightShare(scores), misses(scores)).toBeGreaterThanOrEqual(0.95);
    expect(spurious(scores)).toEqual([]);
  });

  it('when a notice prints its flag period outside the numbered items, then the flag task has that period and every residential unit or named kind', () => {
    const chuongDuong = scores.find((s) => s.file.startsWith('01-'))?.score;
    expect(chuongDuong?.tasks.map((t) => [t.expected.kind, t.wrong])).toEqual([['flag', []]]);
    const sonThuy = scores.find((s) => s.file.startsWith('06-'))?.score;
    expect(sonThuy?.tasks.map((t) => [t.expected.kind, t.wrong])).toEqual([
      ['flag', []],
      ['cleanup', []],
    ]);
  });
});

/**
 * The held-out sets, whose expectations were written before the reader ran on them: gated just below the level
 * reached (heldout 12/12, heldout2 14/14 once its drafts 03 and 05 followed the corpus convention, heldout3 14/14 as
 * pasted; read blind, the bench gave 24/36, 6/42 and 12/42), one miss each allowed, so that a change of the reading
 * rules cannot quietly lose them. These are no longer blind figures.
 */
describe('plan import on the held-out notices', () => {
  const sets: [string, ExpectedDraft[]][] = [
    ['heldout', HELD_OUT],
    ['heldout2', HELD_OUT_2],
    ['heldout3', HELD_OUT_3],
  ];

  for (const [dir, expected] of sets) {
    it(`when every notice of ${dir} is pasted, then at least 90% of the drafts are right and none has a spurious task`, () => {
      const scores = scoreSet(dir, expected);
      expect(scores.length).toBeGreaterThanOrEqual(12);
      expect(rightShare(scores), misses(scores)).toBeGreaterThanOrEqual(0.9);
      expect(spurious(scores)).toEqual([]);
    });
  }

  it('when every notice of every set is pasted, then at least 95% of all the drafts are right (the issue’s goal) and none has a spurious task', () => {
    const scores = [['real', EXPECTED] as const, ...sets].flatMap(([dir, expected]) => scoreSet(dir, expected));
    expect(rightShare(scores), misses(scores)).toBeGreaterThanOrEqual(0.95);
    expect(spurious(scores)).toEqual([]);
  });

  // Blind, heldout4 read 6/16 as pasted (18/48 in the bench: 6 notices right in every form, 0 spurious; the misses are
  // listed in heldout4/expected.ts's header). Most of its misses were then fixed as general rules: 15/16 as pasted
  // (45/48), then 16/16 (48/48) with the rules written for heldout5's misses; no longer blind. Gated as before.
  it('when every notice of the fourth held-out set is pasted, then at least 14 of its 16 drafts are right and none has a spurious task', () => {
    const scores = scoreSet('heldout4', HELD_OUT_4);
    expect(scores.length).toBeGreaterThanOrEqual(16);
    expect(scores.filter((s) => s.score.right).length, misses(scores)).toBeGreaterThanOrEqual(14);
    expect(spurious(scores)).toEqual([]);
  });

  // Blind, heldout5 read 8/16 as pasted (24/48 in the bench: 8 notices right in every form, 0 spurious; the misses are
  // listed in heldout5/expected.ts's header). Its misses were then fixed as general rules: 16/16 as pasted (48/48),
  // no longer blind. Gated one miss below.
  it('when every notice of the fifth held-out set is pasted, then at least 15 of its 16 drafts are right and none has a spurious task', () => {
    const scores = scoreSet('heldout5', HELD_OUT_5);
    expect(scores.length).toBeGreaterThanOrEqual(16);
    expect(scores.filter((s) => s.score.right).length, misses(scores)).toBeGreaterThanOrEqual(15);
    expect(spurious(scores)).toEqual([]);
  });
});
