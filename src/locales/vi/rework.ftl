rw-ask-reason = Trả lại báo cáo “{ $title }” của { $unit } để đơn vị làm lại. Nhập lý do để gửi cho đơn vị (ví dụ: ảnh chưa rõ, thiếu số hộ). { cancel-hint }
rw-reason-invalid = Lý do cần từ { $min } đến { $max } ký tự, gõ bằng chữ. Anh/chị nhập lại. { cancel-hint }
rw-confirm = Trả lại báo cáo của { $unit } với lý do: “{ $reason }”? { cancel-hint }
rw-confirm-yes = ↩️ Trả lại
rw-confirm-no = Không trả lại
rw-press-button = Anh/chị hãy bấm “Trả lại” hoặc “Không trả lại” ở trên. { cancel-hint }
rw-kept = Đã giữ nguyên báo cáo, không trả lại.
rw-done = ✅ Đã trả lại báo cáo của { $unit }; báo cáo được tính là chưa báo cáo cho đến khi đơn vị gửi lại. Đã báo cho { $reached }/{ $total } người phụ trách.
rw-done-nobody = ✅ Đã trả lại báo cáo của { $unit }; báo cáo được tính là chưa báo cáo cho đến khi đơn vị gửi lại. Đơn vị không còn ai dùng bot, anh/chị hãy liên hệ trực tiếp.
rw-unreached = Không gửi được tin cho: { $names }. Anh/chị hãy liên hệ trực tiếp.
rw-refused-not-found = Không tìm thấy báo cáo này.
rw-refused-already-returned = Báo cáo này đã được trả lại rồi, đang chờ đơn vị báo cáo lại.
rw-refused-changed = Đơn vị vừa gửi báo cáo mới. Anh/chị hãy xem báo cáo mới trước khi trả lại.
rw-refused-closed = Nhiệm vụ đã kết thúc hoặc bị huỷ nên không trả lại được.
rw-leader-notice =
    ↩️ Báo cáo “{ $title }” của { $unit } được trả lại để làm lại.
    Lý do: { $reason }
    { $dueLine }
    Anh/chị bấm “Báo cáo lại” bên dưới để gửi lại báo cáo.
rw-leader-due = Hạn báo cáo: { $due }.
rw-leader-overdue = Hạn báo cáo { $due } đã qua; anh/chị gửi lại càng sớm càng tốt.
rw-leader-button = 📝 Báo cáo lại
rw-notice-quiet = Bây giờ là ngoài giờ gửi tin: đơn vị sẽ nhận tin báo lúc { $at }.
