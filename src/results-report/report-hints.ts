/**
 * What an imported plan already says about who will report on it: the office that issued it, the
 * body above (whose plan it carries out), the place, and who signed. Offered as answers when the
 * report details are asked the first time; nothing here is a default of its own.
 */
export interface ReportHints {
  officeName: string | null;
  parentBody: string | null;
  place: string | null;
  signerTitle: string | null;
  signerName: string | null;
}

const COMMITTEE = '(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)';
/** A proper name: capitalised words ("Cao Lộc", "CAO LỘC"). */
const NAME = '((?:\\p{Lu}[\\p{L}]*)(?:[ \\t]+\\p{Lu}[\\p{L}]*){0,3})';
const OFFICE = new RegExp(`${COMMITTEE}\\s+(thị trấn|xã|phường|đặc khu)\\s+${NAME}`, 'iu');
const PARENT = new RegExp(`${COMMITTEE}\\s+(huyện|tỉnh|thành phố|quận|thị xã)\\s+${NAME}`, 'iu');
const SIGNER_TITLE = /^(?:KT\.\s*)?(PHÓ CHỦ TỊCH|CHỦ TỊCH)$/u;
const PERSON = /^\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}*){1,4}$/u;
/** The sign-off is at the end: look only this far back. */
const TAIL_LINES = 15;

function titleCase(word: string): string {
  return word.charAt(0) + word.slice(1).toLocaleLowerCase('vi');
}

/** "UBND THỊ TRẤN CAO LỘC" and "Ủy ban nhân dân thị trấn Cao Lộc" both become "UBND thị trấn Cao Lộc". */
function committee(re: RegExp, text: string): { full: string; name: string } | null {
  const m = re.exec(text);
  if (!m?.[1] || !m[2]) return null;
  const name = m[2] === m[2].toLocaleUpperCase('vi') ? m[2].split(/\s+/).map(titleCase).join(' ') : m[2];
  return { full: `UBND ${m[1].toLocaleLowerCase('vi')} ${name}`, name };
}

function signOff(text: string): { title: string | null; name: string | null } {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/\*/g, '').trim())
    .filter(Boolean)
    .slice(-TAIL_LINES);
  let title: string | null = null;
  let name: string | null = null;
  lines.forEach((line, i) => {
    const m = SIGNER_TITLE.exec(line.toLocaleUpperCase('vi') === line ? line : '');
    const next = lines[i + 1];
    if (m?.[1] && next && PERSON.test(next)) {
      title = m[1];
      name = next;
    }
  });
  return { title, name };
}

/** The hints a plan's text gives; `place` is the plan's own ("Cao Lộc, ngày …") when it was read. */
export function readReportHints(text: string, place: string | null): ReportHints {
  const office = committee(OFFICE, text);
  const parent = committee(PARENT, text);
  const signer = signOff(text);
  return {
    officeName: office?.full ?? null,
    parentBody: parent?.full ?? null,
    place: place ?? office?.name ?? null,
    signerTitle: signer.title,
    signerName: signer.name,
  };
}

/** "Cao Lộc" from "UBND thị trấn Cao Lộc", for the place question when no plan gave one. */
export function placeFromOffice(officeName: string): string | null {
  return committee(OFFICE, officeName)?.name ?? null;
}
