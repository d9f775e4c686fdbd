// `npm run bench -- import [--verbose]`: reads every real notice of tests/fixtures/plans/real as an
// admin would send it (pasted text, a Word file, a PDF printed from it), with the bot's own reader,
// and scores each draft against the hand-written expected draft: per field (kind, period, units,
// title, take-down), the campaign name, spurious items, and the taps the review would still need.
// Then the same for tests/fixtures/plans/heldout: notices collected after the reader's rules were
// written against real/, so its line is the held-out figure (never tune the reader against it); and for
// tests/fixtures/plans/heldout2, a second set whose expectations were committed before the reader ran on it; and
// tests/fixtures/plans/heldout3, a third set collected and committed (with its expectations) before the reader
// ever ran on it: its first run is the blind figure, recorded in that commit's message; and
// tests/fixtures/plans/heldout4, a fourth set collected the same way after the rules were tuned on the other four;
// and tests/fixtures/plans/heldout5, a fifth set collected the same way after the rules were tuned on heldout4 too.
// The last line is the figure over every set and form: `import: <k>/<n> drafts right, <s> spurious, <t> taps per notice`.
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { extractPlanText } from '../../src/plans/extract-text.js';
import { parsePlan } from '../../src/plans/plan-parser.js';
import { campaignNameOf } from '../../src/plans/plans.review.js';
import { buildDocx, buildPdf } from '../fixtures/plans/documents.js';
import { EXPECTED as HELD_OUT } from '../fixtures/plans/heldout/expected.js';
import { EXPECTED as HELD_OUT_2 } from '../fixtures/plans/heldout2/expected.js';
import { EXPECTED as HELD_OUT_3 } from '../fixtures/plans/heldout3/expected.js';
import { EXPECTED as HELD_OUT_4 } from '../fixtures/plans/heldout4/expected.js';
import { EXPECTED as HELD_OUT_5 } from '../fixtures/plans/heldout5/expected.js';
import { EXPECTED, type ExpectedDraft } from '../fixtures/plans/real/expected.js';
import { communeUnits, type DraftScore, type Field, FIELDS, scoreDraft, ZONE } from './import-score.js';

type Form = 'text' | 'docx' | 'pdf';
const FORMS: Form[] = ['text', 'docx', 'pdf'];

/** The fixture's text without its "# source:" / "# date:" lines, and the date the office received it. */
function readFixture(dir: string, file: string): { text: string; received: DateTime } {
  const raw = readFileSync(new URL(`../fixtures/plans/${dir}/${file}`, import.meta.url), 'utf8');
  const date = /^# date: (\d{4}-\d{2}-\d{2})/m.exec(raw)?.[1];
  const text = raw
    .split('\n')
    .filter((l) => !l.startsWith('# '))
    .join('\n')
    .trim();
  return { text, received: DateTime.fromISO(date ?? '2026-01-01', { zone: ZONE }) };
}

async function asForm(text: string, form: Form): Promise<string> {
  if (form === 'text') return text;
  const bytes = form === 'docx' ? await buildDocx(text) : await buildPdf(text);
  const out = await extractPlanText({ bytes, fileName: `notice.${form}` });
  if (!out.ok) throw new Error(`${form}: ${out.reason}`);
  return out.text;
}

function describeMiss(exp: ExpectedDraft, form: Form, s: DraftScore): string[] {
  const lines: string[] = [];
  if (!s.campaignRight) lines.push(`  ${exp.file} [${form}] campaign: got “${s.campaign ?? '—'}”, want “${exp.campaignTitle}”`);
  for (const t of s.tasks) {
    if (!t.wrong.length) continue;
    const want = `${t.expected.kind} ${t.expected.start ?? '—'}…${t.expected.end ?? '—'}`;
    const got = t.item ? `${t.item.kind} “${t.item.title}” ${t.item.periodFrom}` : 'nothing';
    lines.push(`  ${exp.file} [${form}] ${want}: wrong ${t.wrong.join(', ')} (got ${got})`);
  }
  for (const item of s.spurious) lines.push(`  ${exp.file} [${form}] spurious: ${item.kind} “${item.title}”`);
  return lines;
}

type Tally = { right: number; all: number };
interface SetScore {
  fields: Record<Field, Tally>;
  drafts: number;
  right: number;
  spurious: number;
  taps: number;
  campaigns: number;
  misses: string[];
  differs: string[];
}

/** Reads every notice of tests/fixtures/plans/<dir> in every form and scores it against its expected draft. */
async function scoreSet(dir: string, expected: ExpectedDraft[], verbose: boolean): Promise<SetScore> {
  const fields = Object.fromEntries(FIELDS.map((f) => [f, { right: 0, all: 0 }])) as Record<Field, Tally>;
  const out: SetScore = { fields, drafts: 0, right: 0, spurious: 0, taps: 0, campaigns: 0, misses: [], differs: [] };
  for (const exp of expected) {
    const { text, received } = readFixture(dir, exp.file);
    const units = communeUnits(exp);
    let first: string | null = null;
    for (const form of FORMS) {
      const read = await asForm(text, form);
      const draft = parsePlan(read, { zone: ZONE, units, defaultYear: received.year, received: received.toJSDate() });
      const s = scoreDraft(draft, exp, units, (d) => campaignNameOf(d.title));
      out.drafts++;
      if (s.right) out.right++;
      if (s.campaignRight) out.campaigns++;
      out.spurious += s.spurious.length;
      out.taps += s.taps;
      for (const t of s.tasks) for (const f of FIELDS) (fields[f].all++, t.wrong.includes(f) ? 0 : fields[f].right++);
      const summary = JSON.stringify(draft.items.map((i) => [i.kind, i.title, i.period?.start, i.period?.end, i.assign.unitIds]));
      if (first === null) first = summary;
      else if (summary !== first) out.differs.push(`  ${exp.file} [${form}] reads differently from the pasted text`);
      if (!s.right && (verbose || form === 'text')) out.misses.push(...describeMiss(exp, form, s));
    }
  }
  return out;
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');

function report(label: string, notices: number, s: SetScore, verbose: boolean): void {
  console.log(`${label} bench: ${notices} notices × ${FORMS.length} forms (${FORMS.join(', ')})`);
  for (const f of FIELDS) console.log(`  ${f.padEnd(9)} ${s.fields[f].right}/${s.fields[f].all} (${pct(s.fields[f].right, s.fields[f].all)})`);
  console.log(`  campaign  ${s.campaigns}/${s.drafts} (${pct(s.campaigns, s.drafts)})`);
  if (s.differs.length) console.log(['forms that read differently:', ...s.differs].join('\n'));
  if (s.misses.length) console.log([`misses${verbose ? '' : ' (pasted text; --verbose for every form)'}:`, ...s.misses].join('\n'));
  console.log(`  drafts right: ${pct(s.right, s.drafts)}`);
  console.log(`${label}: ${s.right}/${s.drafts} drafts right, ${s.spurious} spurious, ${(s.taps / s.drafts).toFixed(1)} taps per notice`);
}

const SETS: [label: string, dir: string, expected: ExpectedDraft[]][] = [
  ['import (real)', 'real', EXPECTED],
  ['import (held-out)', 'heldout', HELD_OUT],
  ['import (held-out 2)', 'heldout2', HELD_OUT_2],
  ['import (held-out 3)', 'heldout3', HELD_OUT_3],
  ['import (held-out 4)', 'heldout4', HELD_OUT_4],
  ['import (held-out 5)', 'heldout5', HELD_OUT_5],
];

export async function run(args: string[]): Promise<void> {
  const verbose = args.includes('--verbose');
  const all = { drafts: 0, right: 0, spurious: 0, taps: 0 };
  for (const [label, dir, expected] of SETS) {
    const s = await scoreSet(dir, expected, verbose);
    report(label, expected.length, s, verbose);
    all.drafts += s.drafts;
    all.right += s.right;
    all.spurious += s.spurious;
    all.taps += s.taps;
  }
  // Every set in every form: the figure (goal ≥ 95% right, 0 spurious).
  const notices = SETS.reduce((n, [, , expected]) => n + expected.length, 0);
  console.log(`overall: ${notices} notices × ${FORMS.length} forms, ${pct(all.right, all.drafts)} right`);
  console.log(`import: ${all.right}/${all.drafts} drafts right, ${all.spurious} spurious, ${(all.taps / all.drafts).toFixed(1)} taps per notice`);
}
