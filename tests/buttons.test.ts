import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ButtonField, type ButtonKind, type ButtonValues, choice, choiceAs, declaredButtonPrefixes, eitherChoice } from '../src/core/buttons.js';
import { campaignButton, newCampaignButton, pickedCampaign } from '../src/tasks/tasks.buttons.js';
import { pickedMode } from '../src/telegram/pickers.buttons.js';
import { broadcastTargets } from '../src/broadcasts/broadcasts.buttons.js';
import { statusButton } from '../src/reports/reports.buttons.js';

type AnyKind = ButtonKind<readonly ButtonField[]>;
type Values = ButtonValues<readonly ButtonField[]>;

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
/** Every module that declares button kinds: `*.buttons.ts`, the slices' and the edge's (ask, pickers). */
const FILES = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.buttons.ts'));

function isKind(value: unknown): value is AnyKind {
  if (typeof value !== 'object' || value === null) return false;
  return 'prefix' in value && 'fields' in value && 'pattern' in value && value.pattern instanceof RegExp && 'pack' in value && 'unpack' in value;
}

/** The kinds a module exports, directly or grouped in an object (a picker's open / page / pick). */
function kindsIn(value: unknown, depth = 0): AnyKind[] {
  if (isKind(value)) return [value];
  if (depth > 1 || typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.values(value).flatMap((v) => kindsIn(v, depth + 1));
}

const kinds: AnyKind[] = [];
for (const file of FILES) {
  const mod: Record<string, unknown> = await import(pathToFileURL(join(SRC, file)).href);
  kinds.push(...kindsIn(mod));
}

const LARGEST_ID = 999_999_999;
const LARGEST_INT = 999_999;

/** The values that make the longest data: the largest numbers and the longest word (in bytes). */
function largest(kind: AnyKind): Values {
  return kind.fields.map((f) => {
    if (f === 'id') return LARGEST_ID;
    if (f === 'int') return LARGEST_INT;
    return [...f].sort((a, b) => Buffer.byteLength(b) - Buffer.byteLength(a))[0];
  }) as Values;
}

function smallest(kind: AnyKind): Values {
  return kind.fields.map((f) => (f === 'id' ? 1 : f === 'int' ? 0 : f[0])) as Values;
}

/** The kind's data with field `index` replaced by `text`. */
function dataWith(kind: AnyKind, index: number, text: string): string {
  const parts = largest(kind).map(String);
  parts[index] = text;
  return [kind.prefix, ...parts].join(':');
}

describe('button kinds', () => {
  it('when every *.buttons.ts module is loaded, then it declares kinds and each prefix is used once', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(5);
    expect(kinds.length).toBeGreaterThanOrEqual(30);
    const prefixes = declaredButtonPrefixes();
    const repeated = prefixes.filter((p, i) => prefixes.indexOf(p) !== i);
    expect(repeated).toEqual([]);
    for (const kind of kinds) expect(prefixes).toContain(kind.prefix);
  });

  it('when a kind packs its largest values, then the data fits in 64 bytes and unpacks to the same values', () => {
    for (const kind of kinds) {
      for (const values of [largest(kind), smallest(kind)]) {
        const data = kind.pack(...values);
        expect(Buffer.byteLength(data), data).toBeLessThanOrEqual(64);
        expect(kind.unpack(data), data).toEqual(values);
      }
    }
  });

  it('when data is packed by one kind, then no other kind routes it', () => {
    for (const kind of kinds) {
      for (const data of [kind.pack(...largest(kind)), kind.pack(...smallest(kind))]) {
        const routes = kinds.filter((k) => k.pattern.test(data)).map((k) => k.prefix);
        expect(routes, data).toEqual([kind.prefix]);
      }
    }
  });

  it('when an id has 10 or more digits, is 0 or has a leading zero, then neither the pattern nor unpack accepts it', () => {
    const withIds = kinds.filter((k) => k.fields.includes('id'));
    expect(withIds.length).toBeGreaterThan(10);
    for (const kind of withIds) {
      const index = kind.fields.indexOf('id');
      for (const id of ['1000000000', '99999999999999999999', '0', '012', '-5', '1e3', '12a']) {
        const data = dataWith(kind, index, id);
        expect(kind.pattern.test(data), data).toBe(false);
        expect(kind.unpack(data), data).toBeNull();
      }
    }
  });

  it('when the data is junk, cut short, padded or of another kind, then unpack refuses it', () => {
    for (const kind of kinds) {
      const data = kind.pack(...largest(kind));
      const junk = [undefined, '', ' ', 'noop', `${data}:1`, `${data} `, ` ${data}`, `x${data}`, `${data}x`, data.toUpperCase()];
      if (kind.fields.length > 0) junk.push(kind.prefix, `${kind.prefix}:`, data.slice(0, data.lastIndexOf(':')));
      for (const text of junk) expect(kind.unpack(text), String(text)).toBeNull();
      for (const other of kinds.filter((k) => k !== kind)) expect(kind.unpack(other.pack(...largest(other)))).toBeNull();
    }
  });

  it('when a word field gets a word it does not know, then unpack refuses it', () => {
    for (const kind of kinds) {
      kind.fields.forEach((f, index) => {
        if (f === 'id' || f === 'int') return;
        expect(kind.unpack(dataWith(kind, index, 'bogus'))).toBeNull();
      });
    }
  });

  it('when a value does not fit its field, then pack refuses to build the data', () => {
    for (const kind of kinds.filter((k) => k.fields.includes('id'))) {
      const values: Values = largest(kind).map((v, i) => (kind.fields[i] === 'id' ? 1_000_000_000 : v));
      expect(() => kind.pack(...values)).toThrow();
    }
  });

  it('when a press is read with choice, either or a picker, then it gets the typed value of its own kind and null for anything else', () => {
    const status = choice(statusButton);
    expect(status('rs:partial')).toBe('partial');
    expect([status('rs:bogus'), status('rph:done'), status(undefined), status('rs:partial:1')]).toEqual([null, null, null, null]);
    expect(pickedCampaign(campaignButton.pack(42))).toBe(42);
    expect(pickedCampaign(newCampaignButton.pack())).toBe('new');
    expect(pickedCampaign('ncp:0')).toBeNull();
    expect(eitherChoice(choiceAs(newCampaignButton, 'x'), status)('rs:done')).toBe('done');
    const target = pickedMode(broadcastTargets);
    expect(target(broadcastTargets.mode.pack('kinds'))).toBe('kinds');
    expect(target(broadcastTargets.extra?.pack('officials'))).toEqual({ extra: 'officials' });
    expect(target('bt:x:nobody')).toBeNull();
    expect(target(broadcastTargets.unit.pack(7))).toBeNull();
  });
});
