qt-preview-header = Nhiệm vụ đọc được từ câu anh/chị gõ — kiểm tra lại:
qt-ask-due = Hạn báo cáo “{ $title }” là khi nào? Ví dụ: { $exDay }, { $exDate } 17:00, “cuối tháng”. { cancel-hint }
qt-edit-due = 📅 Sửa hạn
qt-edit-units = 👥 Sửa đơn vị
qt-campaign-default = Công việc thường xuyên
qt-created = Đã tạo nhiệm vụ “{ $title }” (đợt “{ $campaign }”), giao cho { $count } đơn vị. Hạn báo cáo: { $due }.
