import type { PlanLine } from './plan-lines.js';

/**
 * What a part (I., II., III.) of a plan is for. Decree 30 plans read: I. purpose (nothing to do),
 * II. content (each numbered section is an activity, named by its heading), III. organisation
 * (each numbered section is who does what, named by its heading, one sentence per duty).
 */
export type PartRole = 'purpose' | 'content' | 'execution' | 'other';

export interface Section {
  /** "II.3"; "III" for the lines before a part's first numbered section. */
  ref: string;
  heading: string;
  lines: PlanLine[];
}

export interface Part {
  numeral: string;
  role: PartRole;
  sections: Section[];
}

function roleOf(heading: string): PartRole {
  const upper = heading.toUpperCase();
  if (/MỤC ĐÍCH|YÊU CẦU|QUAN ĐIỂM/.test(upper)) return 'purpose';
  if (/TỔ CHỨC THỰC HIỆN|PHÂN CÔNG|TRÁCH NHIỆM/.test(upper)) return 'execution';
  if (/KINH PHÍ|CHẾ ĐỘ BÁO CÁO/.test(upper)) return 'other';
  return 'content';
}

/**
 * Groups a plan's body into parts and numbered sections. A body without parts is one part:
 * 'content' when it has numbered sections, else 'execution' (a short notice, read sentence by sentence).
 */
export function splitParts(body: PlanLine[]): Part[] {
  const hasParts = body.some((l) => l.type === 'part');
  const parts: Part[] = [];
  let part: Part | null = hasParts ? null : { numeral: '', role: body.some((l) => l.type === 'section') ? 'content' : 'execution', sections: [] };
  if (part) parts.push(part);
  for (const line of body) {
    if (line.type === 'part') {
      part = { numeral: line.marker, role: roleOf(line.text), sections: [] };
      parts.push(part);
    } else if (!part) {
      continue; // the preamble before part I ("Thực hiện Kế hoạch số …")
    } else if (line.type === 'section') {
      part.sections.push({ ref: ref(part.numeral, line.marker), heading: line.text, lines: [] });
    } else if (!part.sections.length && part.role === 'content' && !hasParts) {
      continue; // a numbered plan without parts: the lines before section 1 are its preamble
    } else {
      if (!part.sections.length) part.sections.push({ ref: part.numeral, heading: '', lines: [] });
      part.sections[part.sections.length - 1]?.lines.push(line);
    }
  }
  return parts;
}

function ref(numeral: string, marker: string): string {
  return numeral ? `${numeral}.${marker}` : marker;
}
