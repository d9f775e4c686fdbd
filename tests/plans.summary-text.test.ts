import { describe, expect, it } from 'vitest';
import { createI18n } from '../src/telegram/i18n.js';

const i18n = createI18n('vi');

describe('what a plan will make, in words', () => {
  it('when a plan makes only tasks, then the summary and the receipt do not mention 0 scheduled messages', () => {
    expect(i18n.t('vi', 'plan-summary-create', { count: 5, tasks: 5, broadcasts: 0 })).toBe('Sẽ tạo 5 mục: 5 nhiệm vụ.');
    expect(i18n.t('vi', 'plan-created', { campaign: 'Giỗ Tổ', tasks: 1, broadcasts: 0 })).toMatch(/^✅ Đã tạo đợt “Giỗ Tổ”: 1 nhiệm vụ\. Văn bản gốc/);
    expect(i18n.t('en', 'plan-summary-create', { count: 1, tasks: 1, broadcasts: 0 })).toBe('Will create 1 item: 1 task.');
  });

  it('when a plan makes only scheduled messages, then no "0 nhiệm vụ" is shown', () => {
    expect(i18n.t('vi', 'plan-summary-create', { count: 2, tasks: 0, broadcasts: 2 })).toBe('Sẽ tạo 2 mục: 2 tin nhắn hẹn giờ.');
    expect(i18n.t('en', 'plan-summary-create', { count: 2, tasks: 0, broadcasts: 2 })).toBe('Will create 2 items: 2 scheduled messages.');
  });

  it('when a plan makes both, then both counts are named', () => {
    expect(i18n.t('vi', 'plan-summary-create', { count: 8, tasks: 7, broadcasts: 1 })).toBe('Sẽ tạo 8 mục: 7 nhiệm vụ và 1 tin nhắn hẹn giờ.');
    expect(i18n.t('en', 'plan-created', { campaign: 'X', tasks: 7, broadcasts: 1 })).toMatch(/^✅ Created the campaign “X”: 7 tasks and 1 scheduled message\. /);
  });
});
