import { inOffice } from '../core/office-scope.js';
import type { Office } from '../core/office-settings.js';
import type { DeliveryPayload } from '../core/schema.js';
import { clip } from '../core/text.js';
import { localeOf } from '../outbox/recipients.queries.js';
import { officeVariables } from '../settings/office-terms.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { communeButtons } from './province.buttons.js';
import { draftDeliveries, type ProvinceSend } from './province.service.js';
import { sendLines } from './province.text.js';

/** What one commune's admin receives: the province's task, in the commune's own words, with the document. */
function draftPayload(env: FeatureEnv, province: Office, send: ProvinceSend, communeId: number, locale: string, units: number): DeliveryPayload {
  const { deps, i18n } = env;
  return inOffice(communeId, () => {
    const t = (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);
    const from = officeVariables(province, t).officeTitle ?? '';
    const text = [t('pk-draft', { from }), ...sendLines(t, send, deps.config.timezone), '', t('pk-draft-keep-hint')].join('\n');
    const buttons = [[{ text: t('pk-keep-button', { count: units }), data: communeButtons.keep.pack(send.id) }], [{ text: t('pk-adjust-button'), data: communeButtons.adjust.pack(send.id) }]];
    return send.documentFileId ? { text: clip(text, 1024), document: send.documentFileId, buttons } : { text, buttons };
  });
}

/** Queues the send's draft to every admin of the communes it went to (the outbox paces and retries). */
export async function deliverSend(env: FeatureEnv, province: Office, send: ProvinceSend, communeIds: number[]): Promise<void> {
  const { deps } = env;
  const items = await draftDeliveries(deps.db, deps.clock, send, communeIds, (communeId, locale, units) =>
    draftPayload(env, province, send, communeId, localeOf(locale, deps.config.defaultLocale), units),
  );
  await deps.outbox.queue(items);
}
