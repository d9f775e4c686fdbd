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
