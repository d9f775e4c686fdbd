start-stranger =
    Hello! This is the bot for reminders and reports of the commune and ward People's Committees.
    To use it you need an invitation link. Please contact the People's Committee of the commune or ward where you work (Culture and Society desk) to get one.
stranger-blocked = You are not registered yet. Please ask the People's Committee of the commune or ward where you work for an invitation link, then open that link.
start-welcome-back = Hello { $name }! You are registered as: { $role }.
start-admin =
    Hello { $name }! You are an administrator of this bot.
    { admin-first-steps }
start-joined-admin =
    Welcome { $name }! You are now registered as an administrator.
    { admin-first-steps }
admin-first-steps =
    Getting started:
    1. /units — add your { $unitTerms }, schools, organisations…
    2. /invite — invite the person in charge of each unit (with printable QR invitation cards)
    3. Send the plan or notice file (Word, PDF) here: the bot drafts the tasks for you to review and create; or /newtask for one task
    Send /help to see everything you can do.
# Asked once, right after the first admin joins, while the office has not chosen the term.
start-first-run-term = First of all: what are residential units called where you are? Press a button below (you can change it later in /settings).
start-joined-leader =
    Welcome { $name }! You are now registered as { $position } of { $unit }.
    The bot will send your unit's reminders here and take your reports. Send /help for guidance.
start-joined-official =
    Welcome { $name }! You are now registered as an official.
    You can follow the units' reports. Send /help for guidance.
# How a newcomer is named in the welcome ("… as { $position } of Block 2").
joined-as-leader = the person in charge
joined-as-deputy = the deputy
joined-as-leader-block = the { $unitTermLeader }
joined-as-deputy-block = the deputy { $unitTermLeader }
invite-unknown = This invitation link is not valid. Please check it, or ask whoever sent you the link for a new one.
invite-used = This invitation link has already been used. Each link works once; please ask whoever sent you the link for a new one.
invite-expired = This invitation link has expired. Please ask whoever sent you the link for a new one.
invite-unit-inactive = The unit in this invitation is no longer active. Please ask whoever sent you the link for a new one.
invite-setup-used = This setup link has already been used: the bot has an administrator. If you need to join, ask the administrator for an invitation link.
invite-setup-expired = This setup link has expired or was replaced by a newer one. Restart the bot and the new link appears on the server's console.
# Printed once on the server's console (not in the logs) while the bot has no admin.
setup-link-line = The bot has no administrator yet. Open this link in Telegram within { $hours } hours to become its administrator (it works once): { $link }
help-header = What you can do:
help-admin-plan = 📄 Send a plan or notice file (Word .docx, PDF, .txt) or paste its text here: the bot drafts the tasks for you to review, then press “Create all”.
help-line = /{ $command } — { $description }
help-stranger = This bot serves the commune and ward People's Committees and their units. You need an invitation link from the People's Committee of the commune or ward where you work to use it.
me-info =
    Name: { $name }
    Role: { $role }
    Status: { $status }
    Language: { $locale }
me-units = Units: { $units }
me-no-units = Units: (none yet)
# Each language is named in itself, whatever the current language.
lang-name-vi = Tiếng Việt
lang-name-en = English
lang-choose = Choose a language:
lang-set = Switched to English.
units-empty = There are no units yet. Press “➕ Add units” to add some.
units-empty-add = There are no units yet. What kind of unit do you want to add first? Press a button below.
units-header = Units ({ $count }):
units-kind-header = { $kind } ({ $count }):
units-line = { $index }. { $name }{ $households } — { $members }
units-households = { " " }({ $count } households)
units-households-missing = { " " }(households not given)
units-no-members = nobody in charge yet
units-add = ➕ Add units
units-rename = ✏️ Rename
units-deactivate = 🚫 Deactivate
units-households-edit = 🏠 Fix households
units-reactivate = ♻️ Reopen a deactivated unit ({ $count })
units-add-kind = What kind of unit do you want to add? { cancel-hint }
units-add-kind-again = Please press one of the unit kind buttons above. { cancel-hint }
units-add-paste-block =
    Paste the list of { $unitTerms }, one per line, with the number of households if you have it. For example:
    { $UnitTerm } 1; 120
    { $UnitTerm } 2: 1.050 households
    { $UnitTerm } 3
    { cancel-hint }
units-add-paste-school =
    Paste the list of schools, one per line (no households). For example:
    Trường Mầm non Hoa Sen
    Trường Tiểu học số 1
    { cancel-hint }
units-add-paste-club =
    Paste the list of clubs, one per line (no households). For example:
    Câu lạc bộ Dưỡng sinh
    CLB Văn nghệ
    { cancel-hint }
units-add-paste-organisation =
    Paste the list of organisations, one per line (no households). For example:
    Hội Cựu chiến binh
    Đoàn Thanh niên
    { cancel-hint }
units-add-paste-staff =
    Paste the staff positions that report, one per line (no households). For example:
    Công chức Địa chính – Xây dựng
    Văn phòng – Thống kê
    { cancel-hint }
units-add-need-text = Please send the list as text, one unit per line. { cancel-hint }
units-add-bad-lines = Nothing was added because some lines are not right:
units-add-fix = Please fix them and send the whole list again. { cancel-hint }
units-line-error = • Line { $lineNo } “{ $line }”: { $reason }
units-reason-name-missing = the unit name is missing
units-reason-name-too-long = the name is longer than 80 characters
units-reason-households-invalid = households must be a whole number, e.g. 120 or 1.200
units-reason-duplicate = the name repeats an earlier line
units-reason-name-only-number = the line is only a number, the unit name is missing (name first, e.g. Block 7; 230)
units-reason-households-out-of-range = households must be between 1 and 10,000; please check (perhaps an extra digit)
units-reason-households-not-expected = this kind of unit has no households, write the name only
units-reason-too-many-parts = the line has too many parts (split by ; or Excel cells); one unit per line: the name, then households if any
units-added = Added { $count } units ({ $kind }):
units-added-line = • { $name }{ $households }
units-skipped = Already there, skipped: { $names }.
units-nothing-added = No new units were added.
units-added-check = If a household count is wrong, send /units → “🏠 Fix households”.
units-add-more = Add another kind? Press a button below, or send /units to see the list.
units-add-kind-button = ➕ { $kind }
units-hh-none = There are no { $unitTerms } to fix yet. Add them with /units → “➕ Add units”.
units-hh-ask =
    Send the { $unitTerm } name and the right number of households, one per line, for example:
    { $example }
    You can fix several lines at once. { cancel-hint }
units-hh-bad-lines = Nothing was changed because some lines are not right:
units-hh-reason-unknown-unit = there is no { $unitTerm } with this name (see the names in /units)
units-hh-reason-not-residential = this unit is not a { $unitTerm }, so it has no households
units-hh-reason-count-missing = the number of households is missing after the name (e.g. { $example })
units-hh-done = Households changed:
units-hh-line = • { $name }: { $from } → { $to } households
units-hh-unknown = not given
units-hh-nothing = The households were already like this; nothing changed.
units-pick-rename = Choose the unit to rename:
units-rename-ask = Send the new name for “{ $name }”. { cancel-hint }
units-rename-invalid = The name must be 1 to 80 characters. Please send it again. { cancel-hint }
units-renamed = Renamed “{ $from }” to “{ $to }”.
units-name-taken = There is already a unit named “{ $name }”. Please send another name. { cancel-hint }
units-pick-deactivate = Choose the unit to deactivate:
units-deactivate-confirm = Deactivate “{ $name }”? It will no longer get reminders or have to report.
units-deactivate-yes = Yes, deactivate
units-deactivate-no = No, keep it
units-deactivated = Deactivated “{ $name }”. To use it again, send /units → “♻️ Reopen a deactivated unit”.
units-deactivate-kept = Kept as it is; nothing changed.
units-not-found = This unit is no longer in the list.
units-pick-reactivate = Choose the unit to reopen:
units-none-inactive = No unit is deactivated.
units-reactivated = Reopened “{ $name }”. It gets reminders and reports again as before.
units-reactivate-name-taken = Not reopened: another unit is now called “{ $name }”. Please rename that one first.
invite-choose-role = Who is the invitation for?
invite-summary = { $without } of { $total } units have nobody in charge yet.
invite-pending-note = { $pending } of them already have a valid invitation nobody has used; new links do not cancel the old ones.
invite-all = 📨 Invite every unit with nobody yet ({ $count })
invite-pick = ☑️ Choose units to invite (printable cards)
invite-pick-prompt = Invite the people in charge of which units? Each unit gets its own link and a printable card. { cancel-hint }
invite-role-leader = The person in charge of one unit
invite-role-deputy = A deputy of one unit
invite-role-official = Official / monitoring
invite-role-admin = Administrator
invite-choose-unit-leader = Invite the person in charge of which unit?
invite-choose-unit-deputy = Invite a deputy of which unit?
invite-no-units = There are no units yet. Use /units to add them first.
invite-all-none = Every unit already has someone in charge. To invite more people (e.g. a deputy), send /invite and choose “A deputy of one unit”.
# The role on a link, QR code or printed card, worded for the unit's kind.
invite-as-leader = Person in charge of the unit
invite-as-deputy = Deputy
invite-as-leader-block = Person in charge of the { $unitTerm } ({ $unitTermLeader })
invite-as-deputy-block = Deputy ({ $unitTermLeader }'s deputy)
invite-as-official = Official / monitoring
invite-as-admin = Administrator
invite-for-unit = { " " }— { $unit }
invite-created =
    🔗 Invitation — { $who }{ $unit }:
    { $link }
    It works once, until { $expires }. Send this link to the right person, or print the QR code below.
invite-qr-caption = QR invitation: { $who }{ $unit }. Open the phone camera, scan the code, then press Start in Telegram. Valid until { $expires }.
invite-batch-header =
    📨 Created { $count } invitations for the people in charge of the units. Each link works once, until { $expires }.
    Send each link to its own unit, or print the invitation cards in the PDF below.
invite-batch-line = • { $unit }: { $link }
invite-batch-caption = 🖨 Printable invitation cards: { $count } cards, 6 per A4 page. Print, cut along the dashed lines and hand each unit its card.
invite-batch-filename = invitation-cards-{ $date }.pdf
invite-batch-again = The invitations of this press were already created above; nothing new was made.
