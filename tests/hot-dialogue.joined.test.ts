import { InlineKeyboard } from 'grammy';
import { describe, expect, it } from 'vitest';
import { joined } from '../src/telegram/hot-dialogue.js';
import { MAX_TEXT } from '../src/telegram/split.js';

// What a step's messages become on the leader's phone (sayAll sends `joined(say)`).
describe('a hot dialogue step’s messages', () => {
  const buttons = new InlineKeyboard().text('✅ Đã xong', 'rs:done');

  it('when a text without buttons comes before a question, then both go as one message with the question’s buttons', () => {
    expect(joined([{ text: '→ ✅ Đã xong' }, { text: 'Số hộ treo cờ?', keyboard: buttons }])).toEqual([{ text: '→ ✅ Đã xong\n\nSố hộ treo cờ?', keyboard: buttons }]);
    expect(joined([{ text: 'Báo cáo: Treo cờ' }, { text: 'Đơn vị: Khối 1' }, { text: 'Tình hình?' }])).toEqual([{ text: 'Báo cáo: Treo cờ\n\nĐơn vị: Khối 1\n\nTình hình?' }]);
  });

  it('when a message has buttons, then what follows it stays a message of its own (the buttons stay under their text)', () => {
    const say = [{ text: 'Chọn:', keyboard: buttons }, { text: 'Hoặc gõ /cancel.' }];
    expect(joined(say)).toEqual(say);
  });

  it('when the two would not fit in one Telegram message, then they stay apart', () => {
    const long = { text: 'a'.repeat(MAX_TEXT - 5) };
    const question = { text: 'Tình hình?', keyboard: buttons };
    expect(joined([long, question])).toEqual([long, question]);
    expect(joined([{ text: 'a'.repeat(MAX_TEXT - 12) }, { text: 'Tình hình?' }])[0]?.text).toHaveLength(MAX_TEXT);
  });
});
