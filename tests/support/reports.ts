import type { SimUser } from './fake-telegram-user.js';

/**
 * A leader goes through the real report dialogue for a flag task (status, households, photos,
 * no note) from a button already on screen; returns the receipt text.
 */
export async function leaderReportsFlag(
  leader: SimUser,
  button: string | RegExp,
  answers: { status: '✅ Đã xong' | '🟡 Làm một phần'; households: number; photos: { id: string; date?: Date }[] },
): Promise<string> {
  leader.pressButton(button);
  await leader.nextMessages(2);
  leader.pressButton(answers.status);
  await leader.nextMessages(2);
  leader.sendText(String(answers.households));
  await leader.nextMessage();
  for (const photo of answers.photos) {
    leader.sendPhoto({ fileUniqueId: photo.id, ...(photo.date ? { date: photo.date } : {}) });
    await leader.nextMessage();
  }
  leader.pressButton('Xong');
  await leader.nextMessage();
  leader.pressButton('Bỏ qua');
  await leader.nextMessage();
  leader.pressButton('📤 Gửi');
  return (await leader.nextMessage()).text;
}
