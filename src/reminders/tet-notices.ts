import type { Transaction } from 'kysely';
import { DateTime } from 'luxon';
import { holidayDate, isTetQuiet, nextSendableAfterTet } from '../calendar/holidays.js';
import type { Database } from '../core/schema.js';
import { enqueueDeliveries } from '../outbox/deliveries.queries.js';
import type { Outgoing, Producer, Translate } from '../outbox/outbox.js';
import { listStaffRecipients, localeOf } from '../outbox/recipients.queries.js';
import { formatLocal } from '../core/clock.js';
import { staffMessages } from './reminder-texts.js';
import type { ReminderDeps } from './reminders.service.js';
import { releaseTetHold } from './tet-hold.js';

/**
 * The admins' two Tết notices, each once per Tết: "reminders are being held" when the first one
 * is held, and "they are going out" at mùng 4 07:00 or when the pause is turned off. Each is one
 * outbox run (its key names the Tết by the moment held messages go), so ticks, restarts and
 * instances change nothing.
 */
const heldKey = (release: Date) => `notice:tet-held:${release.toISOString()}`;
const releasedKey = (release: Date) => `notice:tet-released:${release.toISOString()}`;

/** How long after mùng 4 07:00 the "going out" notice is still worth sending (the grace window applies too). */
const RELEASE_WINDOW_MS = 3 * 24 * 3_600_000;

function adminMessages(trx: Transaction<Database>, deps: ReminderDeps, render: (t: Translate) => string): Promise<Outgoing[]> {
  return listStaffRecipients(trx, ['admin']).then((admins) =>
    staffMessages(
      admins.map((a) => ({ ...a, locale: localeOf(a.locale, deps.defaultLocale) })),
      (locale) => render(deps.texts(locale)),
    ),
  );
}

/** Records the run `key` and queues `render` to every admin, unless the run was already there. */
async function tellAdminsOnce(deps: ReminderDeps, key: string, now: Date, render: (t: Translate) => string): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    const run = await trx
      .insertInto('outbox_runs')
      .values({ key, status: 'queued', due_at: now, processed_at: now })
      .onConflict((oc) => oc.columns(['office_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!run) return false;
    const outgoing = await adminMessages(trx, deps, render);
    const added = await enqueueDeliveries(trx, outgoing.map((m) => ({ ...m, kind: 'notice' as const, source: key, notBefore: now, expiresAt: null })));
    await trx.updateTable('outbox_runs').set({ recipients: added }).where('key', '=', key).execute();
    return true;
  });
}

const heldText = (release: Date, zone: string) => (t: Translate) =>
  [t('cal-tet-held', { date: formatLocal(release, zone) }), t('cal-tet-held-settings')].join('\n');
const releasedText = (t: Translate) => t('cal-tet-released');

/** The scheduler's `onHeld`: the first time something waits for mùng 4, the admins are told. */
export function noticeTetHeld(deps: ReminderDeps): (until: Date, now: Date) => Promise<void> {
  return async (until, now) => {
    await tellAdminsOnce(deps, heldKey(until), now, heldText(until, deps.zone));
  };
}

async function wasHeld(deps: ReminderDeps, release: Date): Promise<boolean> {
  return !!(await deps.db.selectFrom('outbox_runs').select('key').where('key', '=', heldKey(release)).executeTakeFirst());
}

/** The moment messages held over this solar year's Tết go: mùng 4 at 07:00 local. */
function releaseOfYear(now: Date, zone: string): Date {
  const mung1 = DateTime.fromObject(holidayDate('tet', DateTime.fromJSDate(now, { zone }).year), { zone }).toJSDate();
  return nextSendableAfterTet(mung1, zone);
}

/** At mùng 4 07:00, after a Tết that held something: the admins are told the held messages go out. */
export function tetReleaseProducer(deps: ReminderDeps): Producer {
  return {
    async due(now) {
      const release = releaseOfYear(now, deps.zone);
      const since = now.getTime() - release.getTime();
      if (since < 0 || since > RELEASE_WINDOW_MS || !(await wasHeld(deps, release))) return [];
      return [
        {
          key: releasedKey(release),
          origin: { kind: 'notice' },
          dueAt: release,
          expiresAt: null,
          build: (trx) => adminMessages(trx, deps, releasedText),
          describe: (t) => t('cal-tet-released-item'),
        },
      ];
    },
  };
}

/**
 * The pause turned off on mùng 1–3: what it held goes now, and the admins who were told it was
 * held are told it goes. Returns how many messages were released.
 */
export async function releaseTetHoldAndTell(deps: ReminderDeps, now: Date): Promise<number> {
  const released = await releaseTetHold(deps.db, now, deps.zone);
  if (!isTetQuiet(now, deps.zone)) return released;
  const release = nextSendableAfterTet(now, deps.zone);
  if (await wasHeld(deps, release)) await tellAdminsOnce(deps, releasedKey(release), now, releasedText);
  return released;
}
