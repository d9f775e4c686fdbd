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
