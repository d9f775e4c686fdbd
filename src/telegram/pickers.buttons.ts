import { buttonKind, type ButtonKind, choice, type PressReader } from '../core/buttons.js';
import type { UnitKind } from '../core/schema.js';
import { UNIT_KINDS } from '../core/unit-kinds.js';

const MODES = ['all', 'blocks', 'kinds', 'names'] as const;

/** The buttons of one target picker (pick-targets.ts); each dialogue declares its own, under its own prefix. */
export interface TargetPickerButtons {
  /** All units, all residential units, by kinds, by name: "<p>:all". */
  mode: ButtonKind<readonly [typeof MODES]>;
  /** The caller's own choices ("<p>:x:officials"), when it has any. */
  extra: ButtonKind<readonly [readonly string[]]> | null;
  /** Toggles a kind ("<p>:k:block"), then "<p>:kd". */
  kind: ButtonKind<readonly [readonly UnitKind[]]>;
  kindsDone: ButtonKind<readonly []>;
  /** Toggles a unit ("<p>:u:<id>"), turns a page, selects all / none shown, clears the search, done. */
  unit: ButtonKind<readonly ['id']>;
  page: ButtonKind<readonly ['int']>;
  selectAll: ButtonKind<readonly []>;
  selectNone: ButtonKind<readonly []>;
  searchClear: ButtonKind<readonly []>;
  done: ButtonKind<readonly []>;
}

/**
 * Declares a target picker's buttons under `prefix` (call it once, in the slice's *.buttons.ts),
 * with `extra` words for choices of the caller's own.
 */
export function targetPickerButtons(prefix: string, extra: readonly string[] = []): TargetPickerButtons {
  return {
    mode: buttonKind(prefix, [MODES]),
    extra: extra.length > 0 ? buttonKind(`${prefix}:x`, [extra]) : null,
    kind: buttonKind(`${prefix}:k`, [UNIT_KINDS]),
    kindsDone: buttonKind(`${prefix}:kd`, []),
    unit: buttonKind(`${prefix}:u`, ['id']),
    page: buttonKind(`${prefix}:p`, ['int']),
    selectAll: buttonKind(`${prefix}:sa`, []),
    selectNone: buttonKind(`${prefix}:sn`, []),
    searchClear: buttonKind(`${prefix}:sc`, []),
    done: buttonKind(`${prefix}:d`, []),
  };
}

/** The first answer of a picker: a mode, or one of the caller's own choices. */
export function pickedMode(b: TargetPickerButtons): PressReader<(typeof MODES)[number] | { extra: string }> {
  const extra = b.extra ? choice(b.extra) : () => null;
  const mode = choice(b.mode);
  return (data) => {
    const x = extra(data);
    return x === null ? mode(data) : { extra: x };
  };
}
