import type { Migration } from 'kysely';
import * as foundation from './2026_11_26_0900_foundation.js';
import * as tasksReports from './2026_11_26_1000_tasks_reports.js';
import * as outbox from './2026_11_26_1100_outbox.js';
import * as taskProgress from './2026_11_26_1200_task_progress.js';
import * as deliveryOrigin from './2026_12_01_0800_delivery_origin.js';
import * as officeSettings from './2026_12_01_0900_office_settings.js';
import * as planDocuments from './2026_12_01_1100_plan_documents.js';
import * as inviteBatches from './2026_12_03_1000_invite_batches.js';
import * as taskPeriodsSeries from './2026_12_05_1000_task_periods_series.js';
import * as taskStatsShards from './2026_12_07_1000_task_stats_shards.js';
import * as broadcastCampaign from './2026_12_09_1000_broadcast_campaign.js';
import * as updateInbox from './2026_12_09_1100_update_inbox.js';
import * as offices from './2026_12_20_1000_offices.js';
import * as officeKeys from './2026_12_21_1000_office_keys.js';
import * as provinceSends from './2026_12_22_1000_province_sends.js';
import * as taskLunarDates from './2026_12_23_1000_task_lunar_dates.js';
import * as spentLinks from './2026_12_24_1000_spent_links.js';
import * as photoReuseIndex from './2026_12_25_1000_photo_reuse_index.js';

/** Every migration, in order. A static list because FileMigrationProvider fails under vitest. */
export const migrations: Record<string, Migration> = {
  '2026_11_26_0900_foundation': foundation,
  '2026_11_26_1000_tasks_reports': tasksReports,
  '2026_11_26_1100_outbox': outbox,
  '2026_11_26_1200_task_progress': taskProgress,
  '2026_12_01_0800_delivery_origin': deliveryOrigin,
  '2026_12_01_0900_office_settings': officeSettings,
  '2026_12_01_1100_plan_documents': planDocuments,
  '2026_12_03_1000_invite_batches': inviteBatches,
  '2026_12_05_1000_task_periods_series': taskPeriodsSeries,
  '2026_12_07_1000_task_stats_shards': taskStatsShards,
  '2026_12_09_1000_broadcast_campaign': broadcastCampaign,
  '2026_12_09_1100_update_inbox': updateInbox,
  '2026_12_20_1000_offices': offices,
  '2026_12_21_1000_office_keys': officeKeys,
  '2026_12_22_1000_province_sends': provinceSends,
  '2026_12_23_1000_task_lunar_dates': taskLunarDates,
  '2026_12_24_1000_spent_links': spentLinks,
  '2026_12_25_1000_photo_reuse_index': photoReuseIndex,
};
