# Nhập kế hoạch: tên các loại việc, nhãn số liệu, lý do không đọc được tệp
plan-kind-propaganda = Tuyên truyền
plan-kind-movement = Phong trào thi đua
plan-kind-plaque = Gắn biển công trình
plan-kind-visits = Thăm hỏi, động viên
plan-kind-quiz = Cuộc thi
plan-kind-event = Văn hoá, văn nghệ, thể thao
plan-kind-flag = Treo cờ
plan-kind-cleanup = Vệ sinh môi trường
plan-kind-billboard = Rà soát pano, biển
plan-kind-takedown = Hạ cờ, tháo dỡ băng rôn
plan-kind-results-report = Tổng hợp báo cáo kết quả
plan-label-visits = Số lượt thăm hỏi
plan-refused-scanned-pdf = Tệp PDF này là ảnh quét, không có chữ để đọc. Vui lòng gửi tệp Word (.docx) của kế hoạch, hoặc dán nội dung vào tin nhắn.
plan-refused-unsupported = Chỉ đọc được tệp .docx, .pdf hoặc .txt. Với tệp Word cũ (.doc), vui lòng mở và lưu lại thành .docx rồi gửi lại.
plan-refused-unreadable = Không mở được tệp này (tệp hỏng hoặc có mật khẩu). Vui lòng gửi lại tệp khác hoặc dán nội dung.
plan-refused-empty = Tệp không có nội dung chữ. Vui lòng kiểm tra lại tệp.
plan-refused-too-big = Tệp lớn hơn 20 MB, bot không tải về được. Vui lòng gửi tệp Word (.docx) của kế hoạch, hoặc dán nội dung vào tin nhắn.
plan-refused-download = Không tải được tệp từ Telegram. Vui lòng gửi lại tệp sau ít phút, hoặc dán nội dung vào tin nhắn.
# Nhập kế hoạch: nhận văn bản, tên chưa khớp đơn vị
plan-ask = Gửi kế hoạch hoặc thông báo cần nhập: gửi tệp Word (.docx), PDF hoặc .txt, hoặc dán nội dung vào tin nhắn (bài dài sẽ tự chia thành nhiều tin; dán hết rồi bấm “Xong”). { cancel-hint }
plan-ask-again = Bot cần tệp (.docx, .pdf, .txt) hoặc nội dung kế hoạch dán vào tin nhắn. { cancel-hint }
plan-paste-done = ✅ Xong
plan-paste-received = Đã nhận { $parts } phần ({ $chars } ký tự). Nếu còn, dán tiếp phần sau; dán hết thì bấm “Xong”. { cancel-hint }
plan-paste-only-text = Bot đang nhận nội dung dán: anh/chị dán tiếp phần chữ còn lại, hoặc bấm “Xong” nếu đã dán hết. { cancel-hint }
plan-paste-empty = Anh/chị chưa dán nội dung nào. Hãy dán nội dung kế hoạch vào tin nhắn. { cancel-hint }
plan-nothing-found = Không tìm thấy hoạt động nào để giao trong văn bản này (cần các mục đánh số, có thời gian và đơn vị thực hiện). Chưa có gì được lưu.
plan-name-ask = Tên { $index }/{ $count } trong kế hoạch chưa khớp với đơn vị nào: “{ $name }”. Đây là đơn vị nào? Bấm tên đơn vị, hoặc “Bỏ qua tên này” nếu không giao việc cho nơi này. Bot nhớ câu trả lời cho các lần nhập sau. { cancel-hint }
plan-name-skip = ⏭ Bỏ qua tên này
plan-name-mapped = → “{ $name }” là { $unit }.
plan-name-skipped = → Bỏ qua “{ $name }”.
plan-name-press = Anh/chị hãy bấm tên một đơn vị, hoặc “Bỏ qua tên này”. { cancel-hint }
# Xem lại từng mục trước khi tạo
plan-doc = văn bản
plan-untitled = Kế hoạch chưa có tên
plan-review-intro = Đã đọc { $docType } “{ $title }”: { $count } mục. Chưa có gì được tạo. Xem từng mục dưới đây: bấm “Giữ” hoặc “Bỏ”, sửa ngày, đơn vị hoặc loại việc nếu cần; cuối cùng bấm “Tạo tất cả”. { cancel-hint }
plan-item-head-kept = ✅ Mục { $index }/{ $count } · { $section ->
        [none] { $kind }
       *[other] { $section } · { $kind }
    }
plan-item-head-dropped = 🗑 Mục { $index }/{ $count } · { $section ->
        [none] { $kind }
       *[other] { $section } · { $kind }
    } (đã bỏ)
plan-item-no-dates = 🗓 Chưa có thời gian
plan-item-dates = 🗓 { $from } – { $to }
plan-item-deadline = 🗓 { $from } – { $to } (hạn hoàn thành { $to })
plan-item-day = 🗓 Ngày { $day }
plan-item-due = 🗓 Hạn hoàn thành: { $day }
plan-item-from-plan = (theo thời gian chung của kế hoạch)
plan-item-from-after = (ngày sau khi hết thời gian treo cờ)
plan-item-units = 👥 { $units }
plan-item-no-units = Chưa giao cho đơn vị nào
plan-units-all = Tất cả đơn vị ({ $count })
plan-units-all-blocks = Tất cả { $unitTerms } ({ $count })
plan-units-some = { $names }
plan-units-some-more = { $names } và { $more } đơn vị khác
plan-item-form = 📋 Báo cáo gồm: tình hình{ $fields }
plan-photos-required = ảnh (bắt buộc)
plan-photos-optional = ảnh (không bắt buộc)
plan-field-location = vị trí
plan-field-note = ghi chú
plan-item-event = 🎉 Sự kiện bắt đầu: { $at }
plan-item-report-due = 📝 Hạn báo cáo: { $at }
plan-item-take-down = ⬇️ Hết thời gian: nhắc hạ cờ, tháo băng rôn lúc { $at }
plan-send-undated = khi có thời gian
plan-send-now = ngay khi tạo
plan-item-broadcast = 📣 Tin nhắn gửi các đơn vị: { $at }
plan-item-broadcast-weekly = 📣 Tin nhắn tuyên truyền gửi các đơn vị hằng tuần, lần đầu: { $at } (dừng trong /broadcasts)
plan-item-link = 🔗 Đường dẫn: { $link }
plan-item-link-missing = 🔗 Chưa có đường dẫn cuộc thi: bấm “Thêm đường dẫn” để gửi kèm.
plan-item-results-report = 📊 Không tạo nhiệm vụ: khi kết thúc đợt, dùng /report để lập báo cáo kết quả (tệp Word).
plan-item-dropped = Mục này sẽ không được tạo. Bấm “Giữ” để giữ lại.
plan-blocked-past = ⚠️ Thời gian đã qua: bấm “Dùng năm { $year } cho tất cả” ở cuối, hoặc “Sửa ngày”, nếu không mục này sẽ không được tạo.
plan-blocked-no-dates = ⚠️ Chưa có thời gian: bấm “Sửa ngày”, nếu không mục này sẽ không được tạo.
plan-blocked-no-units = ⚠️ Chưa có đơn vị thực hiện: bấm “Sửa đơn vị”, nếu không mục này sẽ không được tạo.
plan-keep = Giữ
plan-drop = Bỏ
plan-edit-date = Sửa ngày
plan-edit-units = Sửa đơn vị
plan-edit-kind = Sửa loại
plan-use-year = Dùng năm { $year } cho tất cả
plan-year-used = Đã dùng năm { $year } cho { $count } mục
plan-rename = Đổi tên
plan-edit-form = Sửa câu hỏi báo cáo
plan-ask-title = Tên mới cho việc “{ $title }” (các đơn vị thấy tên này trong danh sách việc; nên ngắn, nói rõ việc gì, không quá 60 ký tự): { cancel-hint }
plan-title-invalid = Tên cần là chữ, không quá 60 ký tự. Anh/chị gõ lại. { cancel-hint }
plan-ask-form = Báo cáo của “{ $title }” đang hỏi: tình hình{ $fields }. Gõ câu hỏi số liệu mới (ví dụ: Số hộ treo cờ), hoặc bấm nút để đổi yêu cầu ảnh hay bỏ câu hỏi số liệu. { cancel-hint }
plan-form-photos-required = 📷 Ảnh bắt buộc
plan-form-photos-optional = 📷 Ảnh không bắt buộc
plan-form-photos-none = Không cần ảnh
plan-form-no-number = Không hỏi số liệu
plan-form-invalid = Câu hỏi số liệu cần là chữ, không quá 60 ký tự; hoặc bấm một nút. { cancel-hint }
plan-add-link = 🔗 Thêm đường dẫn
plan-change-link = 🔗 Đổi đường dẫn
plan-kept = Đã giữ mục { $index }
plan-dropped = Đã bỏ mục { $index }
plan-review-press = Anh/chị hãy bấm một nút dưới các mục ở trên, hoặc “Tạo tất cả”. { cancel-hint }
plan-ask-units = Giao “{ $title }” cho đơn vị nào? { cancel-hint }
plan-ask-kind = “{ $title }” đang là loại “{ $kind }”. Chọn loại việc đúng (mẫu báo cáo đổi theo loại): { cancel-hint }
plan-ask-link = Gửi đường dẫn (link) của cuộc thi “{ $title }”, bắt đầu bằng https://. Đường dẫn được gửi kèm tin nhắn tới các đơn vị. { cancel-hint }
plan-link-invalid = Đường dẫn cần bắt đầu bằng http:// hoặc https:// và không có dấu cách. Anh/chị gửi lại. { cancel-hint }
plan-date-example = từ { $from } đến { $to }
plan-ask-date = Nhập thời gian mới cho “{ $title }”, ví dụ: { $example }. Có thể ghi một khoảng (từ … đến …), một tháng, một hạn chót (trước ngày …) hoặc một ngày. { cancel-hint }
plan-date-type = Anh/chị hãy gõ thời gian bằng chữ, như ví dụ ở trên. { cancel-hint }
plan-date-unreadable = Chưa đọc được thời gian trong “{ $text }”. Anh/chị ghi ngày theo dạng ngày/tháng/năm như ví dụ. { cancel-hint }
plan-date-past = Thời gian “{ $text }” đã qua. Anh/chị nhập thời gian sắp tới. { cancel-hint }
plan-item-updated = ✏️ Đã sửa mục { $index } ({ $title }) ở trên.
# Tổng hợp và tạo
plan-summary-head = 📋 Tổng hợp: { $title }
# What a plan makes: a count of 0 is left out ("5 nhiệm vụ", not "5 nhiệm vụ và 0 tin nhắn hẹn giờ").
plan-what = { $broadcasts ->
        [0] { plan-what-tasks }
       *[other] { $tasks ->
            [0] { plan-what-broadcasts }
           *[other] { plan-what-tasks } và { plan-what-broadcasts }
        }
    }
plan-what-tasks = { $tasks } nhiệm vụ
plan-what-broadcasts = { $broadcasts } tin nhắn hẹn giờ
plan-summary-create = Sẽ tạo { $count } mục: { plan-what }.
plan-summary-left = Không tạo: { $items }.
plan-summary-left-item = mục { $index } ({ $why })
plan-why-report = báo cáo kết quả: dùng /report
plan-why-no-dates = chưa có thời gian
plan-why-past = thời gian đã qua
plan-why-no-units = chưa có đơn vị
plan-why-dropped = đã bỏ
plan-summary-hint = Bấm “Tạo tất cả” để tạo; có thể sửa từng mục ở trên trước khi tạo. { cancel-hint }
plan-summary-nothing = Chưa có mục nào tạo được: hãy giữ ít nhất một mục có thời gian sắp tới và có đơn vị. { cancel-hint }
plan-create-all = Tạo tất cả ({ $count })
plan-cancel = Huỷ
plan-review-cancelled = Đã huỷ. Không có gì được tạo.
plan-created = ✅ Đã tạo đợt “{ $campaign }”: { plan-what }. Văn bản gốc được lưu cùng đợt. Xem /tasks và /broadcasts; khi kết thúc đợt, dùng /report để lập báo cáo kết quả.
plan-already-created = Kế hoạch này đã được tạo rồi, bot không tạo thêm lần nữa. Xem trong /tasks và /broadcasts.
plan-review-over = Phiên xem lại kế hoạch này đã kết thúc. Gửi lại kế hoạch (hoặc gõ /import) để nhập lại.
plan-broadcast-head = 📣 { $campaign }
plan-broadcast-period = Thời gian: { $from } – { $to }.
plan-broadcast-link = 🔗 { $link }
plan-broadcast-report = Sau khi thực hiện, đơn vị bấm “Báo cáo” ở nhiệm vụ này để gửi kết quả.
