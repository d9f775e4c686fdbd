# Printable invite cards (PDF, one card per unit, 6 per A4 page); read by older leaders.
ic-doc-title = Thẻ mời tham gia bot
ic-step-1 = 1. Mở camera điện thoại → quét mã
ic-step-2 = 2. Bấm mở Telegram
ic-step-3 = 3. Bấm Bắt đầu (Start)
ic-expires = Dùng trước { $time } ngày { $date }
ic-once = Mỗi mã chỉ dùng một lần.
