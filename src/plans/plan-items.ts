import { findSubject, isBlank, isNobody, NOBODY, readNames, splitLeadPartners, type Named } from './plan-assignees.js';
import { kindsIn, named } from './notice-sentences.js';
import { classify, shortTitle } from './plan-classify.js';
import { fieldOf, type Field } from './plan-lines.js';
import type { Section } from './plan-sections.js';
import type { PlanAlias, PlanItemKind, PlanUnit } from './plan-types.js';
import { parsePeriod, type ParsedPeriod } from './period-parse.js';

/** An activity as read, before the plan-wide pass fills periods and resolves units. */
export interface RawItem {
  kind: PlanItemKind;
  title: string;
  section: string;
  source: string;
  period: ParsedPeriod | null;
  who: Named;
}

export interface ReadContext {
  units: PlanUnit[];
  aliases: PlanAlias[];
  zone: string;
  year: number | undefined;
  /** The notice's own date (its header's, else the day it was received): "kể từ ngày ban hành" starts there. */
  issued?: Date | undefined;
}

/**
 * A section of the content part: its heading names the activity (one item per kind of work in
 * it); its field lines give the time ("Thời gian: …") and who leads and who takes part
 * ("Cơ quan tham mưu: A phối hợp với B"). A heading naming no work is read sentence by sentence.
 */
export function activityItems(section: Section, ctx: ReadContext): RawItem[] {
  const fields = section.lines.map(fieldOf).filter((f): f is Field => f !== null);
  const { lead, partners } = whoFromFields(fields, ctx);
  const hits = classify(section.heading);
  if (!hits.length) return sentenceItems(section, ctx, isBlank(lead) ? partners : lead);
  const period = sectionPeriod(fields, ctx) ?? firstPeriod(section, ctx);
  // No "Chủ trì:" / "Phối hợp:" line: the collective words of the section's sentences ("Các cơ quan, trường học và các thôn treo cờ …").
  const said = named(kindsIn(section.lines.filter((_, i) => !fields[i]).map((l) => l.text).join(' ')));
  return hits.map((hit) => {
    const who = reporters(hit.kind, lead, partners);
    return { kind: hit.kind, title: shortTitle(section.heading), section: section.ref, source: section.heading, period, who: isBlank(who) ? said : who };
  });
}

/**
 * A section read sentence by sentence (part III, or a short notice): each duty sentence gives one
 * item per kind of work it names. Who does it is the sentence's own subject ("Các khối trưởng …")
 * or else `fallback` (the section heading, "1. Công chức Văn hoá – Xã hội").
 */
export function sentenceItems(section: Section, ctx: ReadContext, fallback: Named): RawItem[] {
  const fields = section.lines.map(fieldOf);
  const shared = sectionPeriod(fields.filter((f): f is Field => f !== null), ctx);
  const items: RawItem[] = [];
  section.lines.forEach((line, i) => {
    if (fields[i]) return;
    for (const hit of classify(line.text)) {
      const subject = findSubject(hit.through, ctx.units);
      // A take-down's own date must be in its own clause: the sentence's date is the flag period it follows.
      const own = datesIn(hit.clause, ctx) ?? (hit.kind === 'takedown' ? null : datesIn(line.text, ctx));
      items.push({
        kind: hit.kind,
        title: shortTitle(hit.clause),
        section: section.ref,
        source: line.text,
        period: own ?? (hit.kind === 'takedown' ? null : shared),
        who: hit.kind === 'propaganda' ? { ...NOBODY, all: true } : isNobody(subject) ? fallback : subject,
      });
    }
  });
  return items;
}

/** Who the heading of a part-III section names ("5. UBMTTQ thị trấn, Các Ban ngành đoàn thể thị trấn"). */
export function headingNames(section: Section, ctx: ReadContext): Named {
  return section.heading ? readNames(section.heading, ctx) : NOBODY;
}

function sectionPeriod(fields: Field[], ctx: ReadContext): ParsedPeriod | null {
  for (const f of fields) {
    const period = f.name === 'time' ? datesIn(f.value, ctx) : null;
    if (period) return period;
  }
  return null;
}

/** Without a "Thời gian" line, the first date in the section ("Giao … trước ngày 10/10/2020"). */
function firstPeriod(section: Section, ctx: ReadContext): ParsedPeriod | null {
  for (const line of section.lines) {
    const period = datesIn(line.text, ctx);
    if (period) return period;
  }
  return null;
}

/** The period a text names, leaving out dates in brackets (anniversaries such as "(15/6/1933 - 15/6/2023)"). */
function datesIn(text: string, ctx: ReadContext): ParsedPeriod | null {
  return parsePeriod(text.replace(/\([^)]*\)/g, ' '), { zone: ctx.zone, defaultYear: ctx.year });
}

function whoFromFields(fields: Field[], ctx: ReadContext): { lead: Named; partners: Named } {
  const leadText: string[] = [];
  const partnerText: string[] = [];
  for (const f of fields) {
    if (f.name === 'time') continue;
    const split = splitLeadPartners(f.value);
    (f.name === 'partners' ? partnerText : leadText).push(split.lead);
    if (split.partners) partnerText.push(split.partners);
  }
  return { lead: readNames(leadText.join(', '), ctx), partners: readNames(partnerText.join(', '), ctx) };
}

/**
 * Who reports on an item: an event is held by those taking part (clubs, organisations), the
 * staff officer who advises only coordinates; other work is reported by whoever leads it.
 * Propaganda goes to every unit, and so does a quiz nobody in particular is given.
 */
function reporters(kind: PlanItemKind, lead: Named, partners: Named): Named {
  if (kind === 'propaganda') return { ...NOBODY, all: true };
  const [first, second] = kind === 'event' ? [partners, lead] : [lead, partners];
  const who = isBlank(first) ? second : first;
  return kind === 'quiz' && isBlank(who) ? { ...NOBODY, all: true } : who;
}
