# Printable invite cards (PDF, one card per unit, 6 per A4 page); read by older leaders.
ic-doc-title = Invitations to the bot
ic-step-1 = 1. Open the phone camera → scan the code
ic-step-2 = 2. Tap to open Telegram
ic-step-3 = 3. Tap Start
ic-expires = Use before { $time } on { $date }
ic-once = Each code works only once.
