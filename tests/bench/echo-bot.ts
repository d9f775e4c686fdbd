// The peer for the ingest benchmark: a bare grammY bot on the same runner setup that answers every
// update with one message (and answers button presses), touching no database.
import { run, sequentialize } from '@grammyjs/runner';
import { Bot } from 'grammy';

const bot = new Bot(process.env.BOT_TOKEN ?? '', { client: { apiRoot: process.env.TELEGRAM_API_ROOT ?? '' } });
bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
bot.on('callback_query', async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.reply('echo');
});
bot.on('message', (ctx) => ctx.reply('echo'));
await bot.init();
const handle = run(bot, { runner: { silent: true } });
process.once('SIGTERM', () => void handle.stop().then(() => process.exit(0)));
