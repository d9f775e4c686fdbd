start-stranger =
    Hello! This is the town office's bot for reminders and reports.
    To use it you need an invitation link. Please contact the town office (Culture and Society desk) to get one.
stranger-blocked = You are not registered yet. Please ask the town office for an invitation link, then open that link.
start-welcome-back = Hello { $name }! You are registered as: { $role }.
start-admin =
    Hello { $name }! You are an administrator of this bot.
    What you can do:
    • /units — add, rename or deactivate units
    • /invite — create invitation links for leaders and officials
start-joined-leader =
    Welcome { $name }! You are now registered as { $position } of { $unit }.
    The bot will send your unit's reminders here and take your reports. Send /help for guidance.
start-joined-official =
    Welcome { $name }! You are now registered as an official.
    You can follow the units' reports. Send /help for guidance.
start-joined-admin =
    Welcome { $name }! You are now registered as an administrator.
    Send /help to see what you can do.
invite-unknown = This invitation link is not valid. Please check it, or ask the town office for a new one.
invite-used = This invitation link has already been used. Each link works once; please ask the town office for a new one.
invite-expired = This invitation link has expired. Please ask the town office for a new one.
invite-unit-inactive = The unit in this invitation is no longer active. Please ask the town office for a new link.
help-header = What you can do:
help-line = /{ $command } — { $description }
help-stranger = This bot serves the town's units. You need an invitation link from the town office to use it.
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
units-header = Units ({ $count }):
units-line = { $index }. { $name }{ $households } — { $members }
units-households = { " " }({ $count } households)
units-no-members = nobody reports yet
units-add = ➕ Add units
units-rename = ✏️ Rename
units-deactivate = 🚫 Deactivate
units-add-kind = What kind of unit do you want to add? { cancel-hint }
units-add-kind-again = Please press one of the unit kind buttons above. { cancel-hint }
units-add-paste =
    Paste the list of units, one per line. You may add the number of households after a semicolon, for example:
    Khối 1; 120
    Khối 2; 1.050
    Khối 3
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
units-added = Added { $count } units: { $names }.
units-skipped = Already there, skipped: { $names }.
units-nothing-added = No new units were added.
units-pick-rename = Choose the unit to rename:
units-rename-ask = Send the new name for “{ $name }”. { cancel-hint }
units-rename-invalid = The name must be 1 to 80 characters. Please send it again. { cancel-hint }
units-renamed = Renamed “{ $from }” to “{ $to }”.
units-name-taken = There is already a unit named “{ $name }”. Please send another name. { cancel-hint }
units-pick-deactivate = Choose the unit to deactivate:
units-deactivate-confirm = Deactivate “{ $name }”? It will no longer get reminders or have to report.
units-deactivate-yes = Yes, deactivate
units-deactivate-no = No, keep it
units-deactivated = Deactivated “{ $name }”.
units-deactivate-kept = Kept as it is; nothing changed.
units-not-found = This unit is no longer in the list.
invite-choose-role = Who is the invitation for?
invite-role-leader = Unit leader (block leader)
invite-role-deputy = Deputy leader
invite-role-official = Official / monitoring
invite-role-admin = Administrator
invite-choose-unit = Choose the unit for the { $who }:
invite-no-units = There are no units yet. Use /units to add them first.
invite-for-unit = { " " }— { $unit }
invite-created =
    Invitation for { $who }{ $unit }:
    { $link }
    It works once, until { $expires }. Send this link, or print the QR code below.
invite-qr-caption = QR invitation for { $who }{ $unit }. Scan it with the phone camera to open Telegram. Valid until { $expires }.
