# Plan import: kinds of work, number labels, why a file could not be read
plan-kind-propaganda = Propaganda
plan-kind-movement = Emulation movement
plan-kind-plaque = Plaque on a work
plan-kind-visits = Visits
plan-kind-quiz = Quiz
plan-kind-event = Cultural and sports events
plan-kind-flag = Flags
plan-kind-cleanup = Cleanup
plan-kind-billboard = Billboard review
plan-kind-takedown = Flags and banners down
plan-kind-results-report = Results report
plan-label-visits = Number of visits
plan-refused-scanned-pdf = This PDF is a scanned image with no text to read. Please send the plan's Word file (.docx), or paste its text.
plan-refused-unsupported = Only .docx, .pdf or .txt files can be read. For an old Word file (.doc), open it, save it as .docx and send it again.
plan-refused-unreadable = This file could not be opened (damaged or password-protected). Please send another file or paste the text.
plan-refused-empty = The file has no text. Please check it.
plan-refused-too-big = The file is larger than 20 MB, which the bot cannot download. Please send the plan's Word file (.docx), or paste its text.
plan-refused-download = The file could not be downloaded from Telegram. Please send it again in a few minutes, or paste its text.
# Plan import: receiving the text, names that match no unit
plan-ask = Send the plan or notice to import: a Word (.docx), PDF or .txt file, or paste its text into a message (a long text is split into several messages; paste it all, then press “Done”). { cancel-hint }
plan-ask-again = The bot needs a file (.docx, .pdf, .txt) or the plan's text pasted into a message. { cancel-hint }
plan-paste-done = ✅ Done
plan-paste-received = Received { $parts ->
        [one] { $parts } part
       *[other] { $parts } parts
    } ({ $chars } characters). Paste the next part if there is more; when it is all there, press “Done”. { cancel-hint }
plan-paste-only-text = The bot is receiving a pasted text: paste the rest of it, or press “Done” if it is all there. { cancel-hint }
plan-paste-empty = Nothing has been pasted yet. Paste the plan's text into a message. { cancel-hint }
plan-nothing-found = No activity to assign was found in this text (it needs numbered sections with dates and who is in charge). Nothing was stored.
plan-name-ask = Name { $index }/{ $count } in the plan matches no unit: “{ $name }”. Which unit is it? Press its name, or “Skip this name” if nothing is assigned to it. The bot remembers the answer for later imports. { cancel-hint }
plan-name-skip = ⏭ Skip this name
plan-name-mapped = → “{ $name }” is { $unit }.
plan-name-skipped = → Skipped “{ $name }”.
plan-name-press = Press the name of a unit, or “Skip this name”. { cancel-hint }
# Reviewing each item before anything is created
plan-doc = document
plan-untitled = Untitled plan
plan-review-intro = Read the { $docType } “{ $title }”: { $count ->
        [one] { $count } item
       *[other] { $count } items
    }. Nothing has been created yet. Check each item below: press “Keep” or “Drop”, change its dates, units or kind if needed; then press “Create all”. { cancel-hint }
plan-item-head-kept = ✅ Item { $index }/{ $count } · { $section ->
        [none] { $kind }
       *[other] { $section } · { $kind }
    }
plan-item-head-dropped = 🗑 Item { $index }/{ $count } · { $section ->
        [none] { $kind }
       *[other] { $section } · { $kind }
    } (dropped)
plan-item-no-dates = 🗓 No dates yet
plan-item-dates = 🗓 { $from } – { $to }
plan-item-deadline = 🗓 { $from } – { $to } (to be done by { $to })
plan-item-day = 🗓 On { $day }
plan-item-due = 🗓 To be done by { $day }
plan-item-from-plan = (the plan's overall period)
plan-item-from-after = (the day after the flag period)
plan-item-units = 👥 { $units }
plan-item-no-units = Not assigned to any unit
plan-units-all = All units ({ $count })
plan-units-all-blocks = All { $unitTerms } ({ $count })
plan-units-some = { $names }
plan-units-some-more = { $names } and { $more } more
plan-item-form = 📋 The report asks for: status{ $fields }
plan-photos-required = photos (required)
plan-photos-optional = photos (optional)
plan-field-location = location
plan-field-note = note
plan-item-event = 🎉 Event starts: { $at }
plan-item-report-due = 📝 Report due: { $at }
plan-item-take-down = ⬇️ After the period: take-down reminder at { $at }
plan-send-undated = once it has dates
plan-send-now = as soon as it is created
plan-item-broadcast = 📣 Message to the units: { $at }
plan-item-broadcast-weekly = 📣 Propaganda message to the units every week, first: { $at } (stop it in /broadcasts)
plan-item-link = 🔗 Link: { $link }
plan-item-link-missing = 🔗 No link to the quiz yet: press “Add link” to send it along.
plan-item-results-report = 📊 No task: when the campaign ends, use /report to make the results report (a Word file).
plan-item-dropped = This item will not be created. Press “Keep” to keep it.
plan-blocked-past = ⚠️ Its dates are past: press “Use { $year } for all” at the end, or “Change dates”, or it will not be created.
plan-blocked-no-dates = ⚠️ No dates: press “Change dates”, or it will not be created.
plan-blocked-no-units = ⚠️ No unit in charge: press “Change units”, or it will not be created.
plan-keep = Keep
plan-drop = Drop
plan-edit-date = Change dates
plan-edit-units = Change units
plan-edit-kind = Change kind
plan-use-year = Use { $year } for all
plan-year-used = Now in { $year }: { $count } items
plan-rename = Rename
plan-edit-form = Edit report questions
plan-ask-title = New name for “{ $title }” (units see it in their task list; keep it short and say what to do, at most 60 characters): { cancel-hint }
plan-title-invalid = The name must be text of at most 60 characters. Please type it again. { cancel-hint }
plan-ask-form = The report of “{ $title }” asks for: status{ $fields }. Type a new number question (e.g. Households flying the flag), or press a button to change the photo rule or drop the number question. { cancel-hint }
plan-form-photos-required = 📷 Photo required
plan-form-photos-optional = 📷 Photo optional
plan-form-photos-none = No photo
plan-form-no-number = No number question
plan-form-invalid = The number question must be text of at most 60 characters, or press a button. { cancel-hint }
plan-add-link = 🔗 Add link
plan-change-link = 🔗 Change link
plan-kept = Item { $index } kept
plan-dropped = Item { $index } dropped
plan-review-press = Press one of the buttons under the items above, or “Create all”. { cancel-hint }
plan-ask-units = Which units is “{ $title }” for? { cancel-hint }
plan-ask-kind = “{ $title }” is now of the kind “{ $kind }”. Choose the right kind of work (the report form follows it): { cancel-hint }
plan-ask-link = Send the link to the quiz “{ $title }”, starting with https://. It is sent to the units with the message. { cancel-hint }
plan-link-invalid = The link must start with http:// or https:// and have no spaces. Please send it again. { cancel-hint }
plan-date-example = from { $from } to { $to }
plan-ask-date = Type the new dates of “{ $title }”, for example: { $example }. A range (from … to …), a month, a deadline (before …) or a single day all work. { cancel-hint }
plan-date-type = Please type the dates as text, as in the example above. { cancel-hint }
plan-date-unreadable = No dates could be read in “{ $text }”. Write days as day/month/year, as in the example. { cancel-hint }
plan-date-past = “{ $text }” is already past. Please type dates still to come. { cancel-hint }
plan-item-updated = ✏️ Item { $index } ({ $title }) above was changed.
# Summary and creation
plan-summary-head = 📋 Summary: { $title }
# What a plan makes: a count of 0 is left out ("5 tasks", not "5 tasks and 0 scheduled messages").
plan-what = { $broadcasts ->
        [0] { plan-what-tasks }
       *[other] { $tasks ->
            [0] { plan-what-broadcasts }
           *[other] { plan-what-tasks } and { plan-what-broadcasts }
        }
    }
plan-what-tasks = { $tasks ->
        [one] { $tasks } task
       *[other] { $tasks } tasks
    }
plan-what-broadcasts = { $broadcasts ->
        [one] { $broadcasts } scheduled message
       *[other] { $broadcasts } scheduled messages
    }
plan-summary-create = Will create { $count ->
        [one] { $count } item
       *[other] { $count } items
    }: { plan-what }.
plan-summary-left = Not created: { $items }.
plan-summary-left-item = item { $index } ({ $why })
plan-why-report = results report: use /report
plan-why-no-dates = no dates
plan-why-past = dates past
plan-why-no-units = no units
plan-why-dropped = dropped
plan-summary-hint = Press “Create all” to create them; you can change any item above first. { cancel-hint }
plan-summary-nothing = Nothing can be created yet: keep at least one item with dates to come and units in charge. { cancel-hint }
plan-create-all = Create all ({ $count })
plan-cancel = Cancel
plan-review-cancelled = Cancelled. Nothing was created.
plan-created = ✅ Created the campaign “{ $campaign }”: { plan-what }. The source document is kept with it. See /tasks and /broadcasts; when the campaign ends, use /report for the results report.
plan-already-created = This plan was already created; the bot does not create it again. See /tasks and /broadcasts.
plan-review-over = The review of this plan has ended. Send the plan again (or type /import) to import it again.
plan-broadcast-head = 📣 { $campaign }
plan-broadcast-period = Dates: { $from } – { $to }.
plan-broadcast-link = 🔗 { $link }
plan-broadcast-report = When it is done, the unit presses “Report” on this task to send its results.
