import { foldVietnamese } from '../core/fold.js';
import { HOLIDAYS, type Holiday } from './holidays.js';
import { solarDaysIn } from './when-reader.js';

/** Other days called "Tết" that are not Tết Nguyên đán. */
const OTHER_TET = / tet (?:doan ngo|nguyen tieu|han thuc|trong cay|ong cong ong tao|ong tao)(?= )/g;

/**
 * The holiday a task title is about, by name ("Treo cờ dịp Quốc khánh", accents optional) or by
 * its solar date ("Treo cờ 30/4"). Name and date together beat a name alone ("Cách mạng tháng
 * Tám và Quốc khánh 2/9" is about 2/9); then the longer name wins ("Tết Dương lịch" over "Tết").
 */
export function findHolidayInText(text: string): Holiday | null {
  const folded = ` ${foldVietnamese(text)} `.replace(OTHER_TET, ' ');
  const dates = solarDaysIn(text).map((d) => `${d.day}/${d.month}`);
  let best: { x: Holiday; score: number; len: number } | null = null;
  for (const x of HOLIDAYS) {
    const len = Math.max(0, ...x.aliases.filter((a) => folded.includes(` ${a} `)).map((a) => a.length));
    const byDate = x.calendar === 'solar' && dates.includes(`${x.day}/${x.month}`);
    const score = (len > 0 ? 1 : 0) + (byDate ? 1 : 0);
    if (score > 0 && (!best || score > best.score || (score === best.score && len > best.len))) best = { x, score, len };
  }
  return best?.x ?? null;
}
