# Báo cáo kết quả đợt (DOCX theo Nghị định 30/2020/NĐ-CP). Khoảng trống sau "Số:" để văn thư ghi số.
rr-creator = Khối Phố Bot
rr-country = CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
rr-motto = Độc lập - Tự do - Hạnh phúc
rr-number = Số:        /BC-UBND
rr-place-date = { $place }, ngày { $day } tháng { $month } năm { $year }
rr-title = BÁO CÁO
rr-subject = Kết quả { $subject }
rr-subject-activities = tổ chức các hoạt động { $campaign }
rr-plan-default = Kế hoạch
rr-intro = Thực hiện { $plan } về { $subject }, { $office } báo cáo kết quả thực hiện như sau:
rr-intro-period = Thực hiện { $plan } về { $subject }, { $office } báo cáo kết quả thực hiện từ ngày { $from } đến ngày { $to } như sau:
rr-intro-so-far = Thực hiện { $plan } về { $subject }, { $office } báo cáo kết quả thực hiện tính đến ngày { $date } như sau:
rr-section-propaganda = I. CÔNG TÁC TUYÊN TRUYỀN
rr-propaganda-none = Trong đợt chưa có tin tuyên truyền nào được gửi qua bot.
rr-propaganda-figures = Đã gửi { $sendings } lượt tin tuyên truyền qua bot trong { $days } ngày ({ $dates }), tới { $recipients } người nhận.
rr-propaganda-line = - “{ $text }”: gửi { $times } lần ({ $dates }), tới { $recipients } người nhận.
rr-section-results = II. KẾT QUẢ THỰC HIỆN CÁC HOẠT ĐỘNG
rr-no-tasks = Đợt này chưa có hoạt động nào được giao.
rr-task-heading = { $index }. { $title }
rr-task-deadline = - Thời hạn báo cáo: { $due }; số đơn vị được giao: { $assigned }.
rr-task-reported = - Số đơn vị đã báo cáo: { $reported }/{ $assigned } ({ $percent }), trong đó đúng hạn { $onTime }, muộn { $late }; đã xong { $done }, làm một phần { $partial }, chưa làm { $notDone }.
rr-task-households = - { $label }: { $count }/{ $total } hộ, đạt { $percent }.
rr-task-number = - { $label }: { $count }.
rr-task-missing = - Đơn vị chưa báo cáo: { $units }.
rr-task-missing-none = - Tất cả các đơn vị được giao đã báo cáo.
rr-unit-returned = { $unit } (báo cáo bị trả lại, chưa gửi lại)
rr-col-index = STT
rr-col-unit = Đơn vị
rr-col-status = Tình trạng
rr-col-number = Số liệu
rr-col-note = Ghi chú
rr-col-reported-at = Thời gian báo cáo
rr-status-done = Đã xong
rr-status-partial = Làm một phần
rr-status-not-done = Chưa làm
rr-status-returned = Bị trả lại để bổ sung
rr-status-pending = Chưa báo cáo
rr-late-mark = (muộn)
rr-section-overall = III. ĐÁNH GIÁ CHUNG
rr-overall-figures = Trong đợt, { $tasks } hoạt động được giao cho { $units } đơn vị: { $complete } đơn vị đã báo cáo đầy đủ mọi hoạt động được giao, { $silent } đơn vị chưa gửi báo cáo nào.
rr-overall-missing = Còn { $count } đơn vị chưa báo cáo đầy đủ:
rr-overall-missing-unit = - { $unit }: { $tasks }.
rr-overall-missing-none = Tất cả các đơn vị đã báo cáo đầy đủ.
rr-section-photos = IV. PHỤ LỤC HÌNH ẢNH
rr-photos-none = Không có ảnh kèm theo báo cáo.
rr-photo-caption = Ảnh { $index }: { $unit } · { $task } · { $date }
rr-photo-missing = (Không tải được ảnh)
rr-closing = Trên đây là báo cáo kết quả { $subject } của { $office }./.
rr-recipients = Nơi nhận:
rr-sign-on-behalf = KT. { $title }
# /report: chọn đợt, hỏi thông tin lần đầu, gửi tệp
rrf-none = Chưa có đợt nào để lập báo cáo. Đợt được tạo khi nhập kế hoạch (/import) hoặc tạo nhiệm vụ (/newtask).
rrf-choose = Lập báo cáo kết quả cho đợt nào? (Đợt mới nhất ở trên.)
rrf-working = ⏳ Đang lập báo cáo, anh/chị chờ một chút…
rrf-not-found = Không tìm thấy đợt này nữa. Gõ /report để chọn lại.
rrf-cite-number = số { $number }
rrf-file-prefix = Bao-cao-ket-qua
rrf-caption =
    📄 Báo cáo kết quả: { $campaign }
    { $tasks } hoạt động · { $reported }/{ $assigned } lượt báo cáo · { $photos } ảnh.
    Mở bằng Word để chỉnh sửa, ghi số văn bản và trình ký.
rrd-intro = Lần đầu lập báo cáo: bot cần { $count } thông tin để in ở đầu và cuối báo cáo. Bot hỏi từng câu; câu trả lời được lưu cho các lần sau.
rrd-ask-office = Câu { $step }/{ $count }. Tên cơ quan đứng tên báo cáo, viết như trên con dấu (in ở góc trái, dòng thứ hai).
rrd-ask-parent = Câu { $step }/{ $count }. Cơ quan cấp trên trực tiếp của { $office } (in ở góc trái, dòng trên cùng).
rrd-ask-place = Câu { $step }/{ $count }. Địa danh ghi trước ngày tháng ở đầu báo cáo (“…, ngày … tháng … năm …”).
rrd-ask-signer-title = Câu { $step }/{ $count }. Chức vụ của người ký báo cáo thay mặt { $office }. Nếu cấp phó ký thay, ghi chức vụ của cấp phó: bot tự thêm dòng “KT.” phía trên.
rrd-ask-signer-name = Câu { $step }/{ $count }. Họ và tên người ký ({ $title }).
rrd-ask-recipients = Câu { $step }/{ $count }. Nơi nhận báo cáo, mỗi nơi một dòng: nơi nhận để báo cáo trước, nơi lưu sau cùng.
rrd-suggestion = Gợi ý: “{ $value }”. Bấm nút bên dưới để dùng, hoặc gõ câu trả lời khác. { cancel-hint }
rrd-type-it = Anh/chị gõ câu trả lời. { cancel-hint }
rrd-invalid = Câu trả lời cần là chữ, không quá 150 ký tự. Anh/chị gõ lại. { cancel-hint }
rrd-invalid-recipients = Nơi nhận cần là chữ, mỗi nơi một dòng, tổng cộng không quá 1000 ký tự. Anh/chị gõ lại. { cancel-hint }
rrd-use = Dùng: { $value }
rrd-recipients-suggest =
    { $parent } (b/c);
    Lưu: VT.
rrd-saved = Đã lưu thông tin cho báo cáo. ⏳ Đang lập báo cáo, anh/chị chờ một chút…
rrd-suggestion-list =
    Gợi ý:
    { $lines }
    Bấm nút bên dưới để dùng, hoặc gõ danh sách khác. { cancel-hint }
rrd-use-list = Dùng danh sách này
rrd-skip-none = Cấp tỉnh thường không ghi cơ quan cấp trên ở dòng này: bấm “Bỏ qua” để bỏ trống.
