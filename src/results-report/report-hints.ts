/**
 * What an imported plan already says about who will report on it: the office that issued it, the
 * body above (whose plan it carries out), the place, and who signed. Offered as answers when the
 * report details are asked the first time; nothing here is a default of its own.
 *
 * Only the header block (the lines above the title "KẾ HOẠCH"/"THÔNG BÁO") and the sign-off are
 * read: a sentence of the body names offices in passing ("UBND thị trấn Cao Lộc xây dựng …"), and
 * a fragment of it must never be offered as a name.
 */
export interface ReportHints {
  officeName: string | null;
  parentBody: string | null;
  place: string | null;
  signerTitle: string | null;
  signerName: string | null;
}

// Case is spelled out instead of an `i` flag: under `iu`, \p{Lu} would also match small letters,
// and "Cao Lộc và Kế" would pass for a name.
const COMMITTEE = '(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)';
const LOCAL = '(thị trấn|xã|phường|đặc khu|THỊ TRẤN|XÃ|PHƯỜNG|ĐẶC KHU)';
const UPPER = '(huyện|tỉnh|thành phố|quận|thị xã|HUYỆN|TỈNH|THÀNH PHỐ|QUẬN|THỊ XÃ)';
/** A proper name: capitalised words ("Cao Lộc", "CAO LỘC"), to the end of the line. */
const NAME = '(\\p{Lu}\\p{L}*(?:[ \\t]+\\p{Lu}\\p{L}*){0,3})[ \\t]*$';
const OFFICE = new RegExp(`^\\s*(?:TM\\.\\s*)?${COMMITTEE}\\s+${LOCAL}\\s+${NAME}`, 'mu');
const PARENT = new RegExp(`^\\s*${COMMITTEE}\\s+${UPPER}\\s+${NAME}`, 'mu');
const TITLE_LINE = /^\s*(?:KẾ HOẠCH|THÔNG BÁO|CÔNG VĂN|QUYẾT ĐỊNH|CHƯƠNG TRÌNH|HƯỚNG DẪN)\s*$/mu;
const SIGNER_TITLE = /^(?:KT\.\s*)?(PHÓ CHỦ TỊCH|CHỦ TỊCH)$/u;
const PERSON = /^\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}*){1,4}$/u;
/** The sign-off is at the end: look only this far back. */
const TAIL_LINES = 15;
/** A header block longer than this has no title line under it: it is not a header. */
const HEADER_MAX_LINES = 12;

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

function cleanLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/\*/g, '').trim())
    .filter(Boolean);
}

/** The lines above the title line, when there is one near the top. */
function headerBlock(text: string): string {
  const lines = cleanLines(text);
  const title = lines.findIndex((l) => TITLE_LINE.test(l));
  return title > 0 && title <= HEADER_MAX_LINES ? lines.slice(0, title).join('\n') : '';
}

function signOff(tail: string[]): { title: string | null; name: string | null } {
  let title: string | null = null;
  let name: string | null = null;
  tail.forEach((line, i) => {
    const m = SIGNER_TITLE.exec(line.toLocaleUpperCase('vi') === line ? line : '');
    const next = tail[i + 1];
    if (m?.[1] && next && PERSON.test(next)) {
      title = m[1];
      name = next;
    }
  });
  return { title, name };
}

/** The hints a plan's text gives; `place` is the plan's own ("Cao Lộc, ngày …") when it was read. */
export function readReportHints(text: string, place: string | null): ReportHints {
  const header = headerBlock(text);
  const tail = cleanLines(text).slice(-TAIL_LINES);
  // "TM. ỦY BAN NHÂN DÂN / XÃ …" in the sign-off names the office when the header was lost.
  const office = committee(OFFICE, header) ?? committee(OFFICE, tail.join('\n'));
  const parent = committee(PARENT, header);
  const signer = signOff(tail);
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
