qt-preview-header = The task as read from your sentence — please check:
qt-ask-due = When is the report for “{ $title }” due? E.g. { $exDay }, { $exDate } 17:00, “cuối tháng”. { cancel-hint }
qt-edit-due = 📅 Change the deadline
qt-edit-units = 👥 Change the units
qt-campaign-default = Regular work
qt-created = Created the task “{ $title }” (campaign “{ $campaign }”) for { $count } units. Report due: { $due }.
