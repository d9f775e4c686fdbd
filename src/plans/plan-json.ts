import type { DraftItem, PlanDraft, PlanPeriod } from './plan-types.js';

/** A value as it comes back from JSON: every Date became its ISO string. */
export type Jsonified<T> = T extends Date ? string : T extends (infer U)[] ? Jsonified<U>[] : T extends object ? { [K in keyof T]: Jsonified<T[K]> } : T;

export type PlanDraftJson = Jsonified<PlanDraft>;

/**
 * Turns a draft back into dates after it was kept as JSON (conversation state, `kv_store`):
 * `JSON.stringify(draft)` needs nothing, `reviveDraft(JSON.parse(text))` restores it exactly.
 */
export function reviveDraft(json: PlanDraftJson): PlanDraft {
  return {
    ...json,
    period: json.period && { start: new Date(json.period.start), end: new Date(json.period.end) },
    items: json.items.map(reviveItem),
  };
}

function reviveItem(item: Jsonified<DraftItem>): DraftItem {
  const broadcast = item.suggestion.broadcast;
  return {
    ...item,
    period: item.period && revivePeriod(item.period),
    suggestion: {
      ...item.suggestion,
      broadcast: broadcast && { ...broadcast, sendAt: broadcast.sendAt === null ? null : new Date(broadcast.sendAt) },
    },
  };
}

function revivePeriod(p: Jsonified<PlanPeriod>): PlanPeriod {
  return { start: new Date(p.start), end: new Date(p.end), precision: p.precision, ...(p.lunar ? { lunar: true } : {}) };
}
