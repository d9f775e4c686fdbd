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
  await openReportToHouseholds(leader, button, answers.status);
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

/**
 * From the leader's task list: opens the report behind `button` (the intro and the first question
 * come as one message) and answers the status, up to the next question (the households one, for a
 * flag task); returns the text that answers the status (the choice, then that question).
 */
export async function openReportToHouseholds(
  leader: SimUser,
  button: string | RegExp,
  status: '✅ Đã xong' | '🟡 Làm một phần' = '✅ Đã xong',
): Promise<string> {
  leader.pressButton(button);
  await leader.nextMessage();
  leader.pressButton(status);
  return (await leader.nextMessage()).text;
}
