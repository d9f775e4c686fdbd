rw-ask-reason = Return the report “{ $title }” of { $unit } for rework. Type the reason the unit will read (e.g. photo unclear, households missing). { cancel-hint }
rw-reason-invalid = The reason needs { $min } to { $max } characters of text. Please type it again. { cancel-hint }
rw-confirm = Return the report of { $unit } with the reason: “{ $reason }”? { cancel-hint }
rw-confirm-yes = ↩️ Return
rw-confirm-no = Do not return
rw-press-button = Please press “Return” or “Do not return” above. { cancel-hint }
rw-kept = The report stays as it is; nothing was returned.
rw-done = ✅ The report of { $unit } was returned; it counts as not reported until the unit sends it again. { $reached } of { $total } members were told.
rw-done-nobody = ✅ The report of { $unit } was returned; it counts as not reported until the unit sends it again. Nobody of the unit uses the bot any more, please contact them directly.
rw-unreached = Could not reach: { $names }. Please contact them directly.
rw-refused-not-found = This report could not be found.
rw-refused-already-returned = This report was already returned and is waiting for the unit to report again.
rw-refused-changed = The unit has just sent a new report. Please read it before returning it.
rw-refused-closed = The task is closed or cancelled, so the report cannot be returned.
rw-leader-notice =
    ↩️ The report “{ $title }” of { $unit } was returned for rework.
    Reason: { $reason }
    { $dueLine }
    Press “Report again” below to send it again.
rw-leader-due = Report deadline: { $due }.
rw-leader-overdue = The deadline { $due } has passed; please send it again as soon as you can.
rw-leader-button = 📝 Report again
rw-notice-quiet = It is outside sending hours now: the unit will get the notice at { $at }.
