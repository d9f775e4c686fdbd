import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../src/plans/plan-parser.js';
import { campaignNameOf } from '../src/plans/plans.review.js';
import { communeUnits, scoreDraft, ZONE } from './bench/import-score.js';
import { EXPECTED } from './fixtures/plans/real/expected.js';

/** The real notices as pasted (the bench also reads them as DOCX and PDF): a regression in the reader fails here. */
function read(file: string): { text: string; year: number } {
  const raw = readFileSync(new URL(`./fixtures/plans/real/${file}`, import.meta.url), 'utf8');
  const year = Number(/^# date: (\d{4})/m.exec(raw)?.[1] ?? 2026);
  return { text: raw.split('\n').filter((l) => !l.startsWith('# ')).join('\n'), year };
}

describe('plan import on the real-notice corpus', () => {
  const scores = EXPECTED.map((exp) => {
    const { text, year } = read(exp.file);
    const units = communeUnits(exp);
    return { file: exp.file, score: scoreDraft(parsePlan(text, { zone: ZONE, units, defaultYear: year }), exp, units, (d) => campaignNameOf(d.title)) };
  });

  it('when every notice of the corpus is pasted, then at least 95% of the drafts are right and none has a spurious task', () => {
    expect(scores.length).toBeGreaterThanOrEqual(40);
    const right = scores.filter((s) => s.score.right).length;
    expect(right / scores.length, scores.filter((s) => !s.score.right).map((s) => s.file).join(', ')).toBeGreaterThanOrEqual(0.95);
    expect(scores.flatMap((s) => s.score.spurious.map((i) => `${s.file}: ${i.title}`))).toEqual([]);
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
