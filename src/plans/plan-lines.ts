/** One logical line of a plan: a part (I.), a section (1.), a subsection (1.1., a)), a bullet or a paragraph. */
export interface PlanLine {
  type: 'part' | 'section' | 'sub' | 'bullet' | 'para';
  /** "II", "3", "1.3", "a"; empty for bullets and paragraphs. */
  marker: string;
  text: string;
}

/** "II. Nội dung", "III/ Tổ chức thực hiện"; never "V/v …" (về việc), a letter's subject line. */
const PART = /^(?!V\/v\b)([IVX]{1,4})\s*[.)/]\s*(\S.*)$/;
const SUB = /^(\d{1,2}(?:\.\d{1,2})+)\.?\s*(\D.*)$/;
const SECTION = /^(\d{1,2})\s*[.,/)]\s*(?!\d)(\S.*)$/;
const LETTER = /^([a-zđ])\s*[.)]\s+(\S.*)$/;
const BULLET = /^[-–—•+*]\s*(\S.*)$/;
const WRAPPED_DATE = /^\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\s+(?:đến|tới|-)/u;
/** Words a sentence never ends on: a conjunction or a preposition waiting for its object. */
const OPEN_END = /\s(?:và|hoặc|của)$/u;
/** Where the plan's body ends: the recipients list and the signature. */
const END = /^(?:nơi nhận|kt\.|tm\.)/i;
/** A document's type printed alone on its line, over its subject. */
const DOC_TYPE_ALONE = /^(?:KẾ HOẠCH|THÔNG BÁO|CÔNG VĂN|QUYẾT ĐỊNH|CHỈ THỊ|HƯỚNG DẪN|CHƯƠNG TRÌNH)$/u;

/**
 * Splits a plan's text into typed lines. Markdown emphasis is dropped, and a line that starts in
 * lower case continues the one above (a paragraph broken by the source or by a paste).
 */
export function planLines(text: string): PlanLine[] {
  const raw = text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f\t]/g, ' ')
    .replace(/\*+/g, '')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  // A page's record of the document ("Người ký văn bản: …", "Nơi nhận:") may stand above the document itself: the body ends at the
  // recipients list after the document's own type line ("THÔNG BÁO" alone), never before it.
  const typeAt = raw.findLastIndex((l) => DOC_TYPE_ALONE.test(l));
  const end = raw.findIndex((l, i) => i > typeAt && END.test(l));
  const merged: string[] = [];
  for (const line of end >= 0 ? raw.slice(0, end) : raw) {
    // A line that starts in lower case, or with a date ("28/12/2023 đến hết …": a PDF line wrapped after "Từ ngày"), continues the one above.
    // A line that ends on a word no sentence ends on ("… trong 2 ngày 25 và" / "26/10/2023;Khai mạc …": a PDF row wrapped before a long word) runs on too.
    const runsOn = merged.length > 0 && OPEN_END.test(merged[merged.length - 1] ?? '');
    if (merged.length && (/^\p{Ll}/u.test(line) || WRAPPED_DATE.test(line) || runsOn) && !LETTER.test(line)) merged[merged.length - 1] += ` ${line}`;
    else merged.push(line);
  }
  return merged.map(typeOf);
}

/** A byline: an initial and a name alone on a line ("V.Mạnh", "T.Hà"), not part V. */
const BYLINE = /^[A-ZĐ]\.\s?\p{Lu}\p{Ll}+$/u;

function typeOf(line: string): PlanLine {
  if (BYLINE.test(line)) return { type: 'para', marker: '', text: line };
  const shapes: [PlanLine['type'], RegExp][] = [
    ['part', PART],
    ['sub', SUB],
    ['section', SECTION],
    ['sub', LETTER],
  ];
  for (const [type, re] of shapes) {
    const m = re.exec(line);
    if (m?.[1] && m[2]) return { type, marker: m[1], text: m[2].trim() };
  }
  const bullet = BULLET.exec(line);
  return bullet?.[1] ? { type: 'bullet', marker: '', text: bullet[1] } : { type: 'para', marker: '', text: line };
}

/** A field line of an activity: "Thời gian thực hiện: …", "Cơ quan tham mưu: …", "Giao …". */
export interface Field {
  name: 'time' | 'lead' | 'partners';
  value: string;
}

const FIELDS: [Field['name'], RegExp][] = [
  ['time', /^(?:thời gian|thời hạn)[^:]{0,40}:\s*(.+)$/i],
  ['lead', /^(?:cơ quan|công chức|đơn vị|bộ phận)\s+(?:tham mưu|chủ trì|phụ trách|thực hiện)[^:]{0,20}:\s*(.+)$/i],
  ['lead', /^(?:chủ trì|giao(?!\s+lưu)|phân công)\s*:?\s+(.+)$/i],
  ['partners', /^(?:cơ quan|đơn vị)?\s*phối hợp\s*:\s*(.+)$/i],
];

export function fieldOf(line: PlanLine): Field | null {
  for (const [name, re] of FIELDS) {
    const m = re.exec(line.text);
    if (m?.[1]) return { name, value: m[1].trim() };
  }
  return null;
}
