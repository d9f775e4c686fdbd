# Campaign results report (DOCX in the layout of Decree 30/2020/ND-CP). The gap after "No.:" is for the clerk to write the number.
rr-creator = Khoi Pho Bot
rr-country = SOCIALIST REPUBLIC OF VIETNAM
rr-motto = Independence - Freedom - Happiness
rr-number = No.:        /BC-UBND
rr-place-date = { $place }, { $day }/{ $month }/{ $year }
rr-title = REPORT
rr-subject = Results of { $subject }
rr-subject-activities = the activities: { $campaign }
rr-plan-default = the plan
rr-intro = Carrying out { $plan } on { $subject }, { $office } reports the results as follows:
rr-intro-period = Carrying out { $plan } on { $subject }, { $office } reports the results from { $from } to { $to } as follows:
rr-intro-so-far = Carrying out { $plan } on { $subject }, { $office } reports the results as of { $date } as follows:
rr-section-propaganda = I. PROPAGANDA
rr-propaganda-none = No propaganda message was sent through the bot in this campaign.
rr-propaganda-figures = { $sendings } propaganda sendings went out through the bot on { $days } days ({ $dates }), to { $recipients } recipients.
rr-propaganda-line = - “{ $text }”: sent { $times } times ({ $dates }), to { $recipients } recipients.
rr-section-results = II. RESULTS OF THE ACTIVITIES
rr-no-tasks = No activity has been assigned in this campaign yet.
rr-task-heading = { $index }. { $title }
rr-task-deadline = - Report deadline: { $due }; units assigned: { $assigned }.
rr-task-reported = - Units reported: { $reported }/{ $assigned } ({ $percent }), of which on time { $onTime }, late { $late }; done { $done }, partly done { $partial }, not done { $notDone }.
rr-task-households = - { $label }: { $count }/{ $total } households, { $percent }.
rr-task-number = - { $label }: { $count }.
rr-task-missing = - Units that have not reported: { $units }.
rr-task-missing-none = - Every assigned unit has reported.
rr-unit-returned = { $unit } (report returned, not yet resent)
rr-col-index = No.
rr-col-unit = Unit
rr-col-status = Status
rr-col-number = Figure
rr-col-note = Note
rr-col-reported-at = Reported at
rr-status-done = Done
rr-status-partial = Partly done
rr-status-not-done = Not done
rr-status-returned = Returned for completion
rr-status-pending = Not reported
rr-late-mark = (late)
rr-section-overall = III. OVERALL ASSESSMENT
rr-overall-figures = In this campaign { $tasks } activities were assigned to { $units } units: { $complete } units reported on every activity they were given, { $silent } units sent no report at all.
rr-overall-missing = { $count } units have not reported everything:
rr-overall-missing-unit = - { $unit }: { $tasks }.
rr-overall-missing-none = Every unit has reported everything.
rr-section-photos = IV. PHOTO APPENDIX
rr-photos-none = No photos came with the reports.
rr-photo-caption = Photo { $index }: { $unit } · { $task } · { $date }
rr-photo-missing = (The photo could not be loaded)
rr-closing = This is the report on the results of { $subject } by { $office }.
rr-recipients = Recipients:
rr-sign-on-behalf = FOR THE { $title }
# /report: choosing the campaign, the first-time questions, sending the file
rrf-none = There is no campaign to report on yet. Campaigns are made by importing a plan (/import) or creating tasks (/newtask).
rrf-choose = Which campaign is the results report for? (Newest first.)
rrf-working = ⏳ Making the report, one moment…
rrf-not-found = This campaign no longer exists. Type /report to choose again.
rrf-cite-number = No. { $number }
rrf-file-prefix = Results-report
rrf-caption =
    📄 Results report: { $campaign }
    { $tasks } activities · { $reported }/{ $assigned } reports · { $photos } photos.
    Open it in Word to edit it, number it and have it signed.
rrd-intro = First report: the bot needs { $count } details to print at the top and bottom of the report. It asks them one at a time and keeps the answers for later reports.
rrd-ask-office = Question { $step }/{ $count }. The office issuing the report, as on its seal (printed top left, second line).
rrd-ask-parent = Question { $step }/{ $count }. The body directly above { $office } (printed top left, first line).
rrd-ask-place = Question { $step }/{ $count }. The place name written before the date at the top (“…, date …”).
rrd-ask-signer-title = Question { $step }/{ $count }. The title of whoever signs for { $office }. If a deputy signs on the head's behalf, give the deputy's title: the bot adds the “KT.” line above it.
rrd-ask-signer-name = Question { $step }/{ $count }. The full name of the signer ({ $title }).
rrd-ask-recipients = Question { $step }/{ $count }. Who receives the report, one per line: those it reports to first, the archive last.
rrd-suggestion = Suggested: “{ $value }”. Press the button below to use it, or type another answer. { cancel-hint }
rrd-type-it = Type the answer. { cancel-hint }
rrd-invalid = The answer must be text of at most 150 characters. Please type it again. { cancel-hint }
rrd-invalid-recipients = Recipients must be text, one per line, at most 1000 characters in all. Please type them again. { cancel-hint }
rrd-use = Use: { $value }
rrd-recipients-suggest =
    { $parent } (b/c);
    Lưu: VT.
rrd-saved = Saved for the report. ⏳ Making the report, one moment…
rrd-suggestion-list =
    Suggested:
    { $lines }
    Press the button below to use it, or type another list. { cancel-hint }
rrd-use-list = Use this list
rrd-skip-none = A province usually prints no body above it on this line: tap “Skip” to leave it blank.
