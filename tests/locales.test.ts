import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BroadcastStatus, MemberStatus, PhotoRule, Position, ReportStatus, ResidentialTerm, Role, UnitKind } from '../src/core/schema.js';
import { ROLE_COMMANDS } from '../src/telegram/menus.js';

const LOCALES = ['vi', 'en'] as const;
const dir = new URL('../src/locales/', import.meta.url);
const src = new URL('../src/', import.meta.url);

/** Message ids of one locale (every .ftl file in its folder is loaded), with the file each is in. */
function keysOf(locale: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const file of ftlFiles(locale)) {
    for (const line of readFileSync(new URL(`${locale}/${file}`, dir), 'utf8').split('\n')) {
      const m = /^([a-z][\w-]*) =/.exec(line);
      if (m?.[1]) {
        expect(keys.has(m[1]), `${m[1]} is defined twice (${keys.get(m[1])} and ${file})`).toBe(false);
        keys.set(m[1], file);
      }
    }
  }
  return keys;
}

const ftlFiles = (locale: string) => readdirSync(new URL(`${locale}/`, dir)).filter((f) => f.endsWith('.ftl'));

interface Use {
  file: string;
  /** A literal key, or a template's static parts as a pattern (`report-status-${s}` → /^report-status-.+$/). */
  key: string | RegExp;
}

/** Every t('key') / ctx.t('key') / t(cond ? 'a' : 'b') / t(`prefix-${x}`) in src. */
function keysUsedInCode(): Use[] {
  const uses: Use[] = [];
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const code = readFileSync(new URL(file, src), 'utf8');
    for (const m of code.matchAll(/(?<![\w$])t\(\s*'([^']+)'/g)) uses.push({ file, key: m[1] ?? '' });
    for (const m of code.matchAll(/(?<![\w$])t\(\s*[\w.!?&|\s]+\?\s*'([^']+)'\s*:\s*'([^']+)'/g)) {
      uses.push({ file, key: m[1] ?? '' }, { file, key: m[2] ?? '' });
    }
    for (const m of code.matchAll(/(?<![\w$])t\(\s*`([^`]*)`/g)) {
      const parts = (m[1] ?? '').split(/\$\{[^}]*\}/);
      uses.push({ file, key: new RegExp(`^${parts.map(escapeRegExp).join('.+')}$`) });
    }
  }
  return uses;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The values of a union, checked by the compiler: a new member that is not listed fails the typecheck. */
const all = <T extends string>(values: Record<T, true>): string[] => Object.keys(values);

/**
 * Key families built from a domain value: every value needs its text. (The scan above can only
 * see that some key of the family exists.) `{}` marks where the value goes.
 */
const FAMILIES: Record<string, readonly (string | number)[]> = {
  'role-{}': all<Role>({ admin: true, official: true, leader: true }),
  'status-{}': all<MemberStatus>({ active: true, unreachable: true, left: true }),
  'position-{}': all<Position>({ leader: true, deputy: true }),
  'unit-kind-{}': all<UnitKind>({ block: true, school: true, club: true, organisation: true, staff: true }),
  'report-status-{}': all<ReportStatus>({ done: true, partial: true, not_done: true }),
  'nt-photos-{}': all<PhotoRule>({ required: true, optional: true, none: true }),
  'bc-status-{}': all<BroadcastStatus>({ scheduled: true, sending: true, done: true, cancelled: true }),
  'term-{}-choice': all<ResidentialTerm>({ khoi: true, 'to-dan-pho': true, thon: true, ban: true, ap: true, khom: true }),
  'cal-weekday-{}': [1, 2, 3, 4, 5, 6, 7], // luxon: Monday = 1
  'bc-weekday-{}': [1, 2, 3, 4, 5, 6, 7],
  'cmd-{}': [...new Set(Object.values(ROLE_COMMANDS).flat())],
};

describe('locale files', () => {
  let keys: Record<(typeof LOCALES)[number], Map<string, string>>;
  beforeAll(() => {
    keys = { vi: keysOf('vi'), en: keysOf('en') };
  });

  it('when Vietnamese and English are compared, then every message exists in both, once', () => {
    const vi = [...keys.vi.keys()].sort();
    expect(vi.length).toBeGreaterThan(100);
    expect([...keys.en.keys()].sort()).toEqual(vi);
  });

  it('when the code asks for a message, then it exists in both languages', () => {
    const uses = keysUsedInCode();
    expect(uses.length).toBeGreaterThan(200); // the scan still finds the calls
    const missing = LOCALES.flatMap((l) =>
      uses
        .filter(({ key }) => (typeof key === 'string' ? !keys[l].has(key) : ![...keys[l].keys()].some((k) => key.test(k))))
        .map(({ file, key }) => `${l}: ${String(key)} (src/${file})`),
    );
    expect([...new Set(missing)]).toEqual([]);
  });

  it('when a message is built from a domain value, then every value has its message', () => {
    const templates = keysUsedInCode().flatMap(({ key }) => (typeof key === 'string' ? [] : [key.source]));
    for (const [family, values] of Object.entries(FAMILIES)) {
      const [before = '', after = ''] = family.split('{}');
      expect(templates, `no t(\`${family}\`) left in src: drop it from FAMILIES`).toContain(`^${escapeRegExp(before)}.+${escapeRegExp(after)}$`);
      const missing = LOCALES.flatMap((l) => values.map((v) => `${before}${v}${after}`).filter((k) => !keys[l].has(k)).map((k) => `${l}: ${k}`));
      expect(missing, family).toEqual([]);
    }
  });

  it('when a message refers to another message, then that one exists in the same language', () => {
    for (const l of LOCALES) {
      const refs = ftlFiles(l).flatMap((file) =>
        [...readFileSync(new URL(`${l}/${file}`, dir), 'utf8').matchAll(/\{\s*([a-z][\w-]*)\s*\}/g)].map((m) => ({ file, ref: m[1] ?? '' })),
      );
      expect(refs.filter(({ ref }) => !keys[l].has(ref)).map(({ file, ref }) => `${l}/${file}: { ${ref} }`)).toEqual([]);
    }
  });
});
