start-stranger =
    Xin chào! Đây là bot nhắc việc và nhận báo cáo của UBND thị trấn.
    Để sử dụng, anh/chị cần link mời. Vui lòng liên hệ UBND thị trấn (bộ phận Văn hoá – Xã hội) để được gửi link mời.
stranger-blocked = Anh/chị chưa được đăng ký. Vui lòng liên hệ UBND thị trấn để được gửi link mời, rồi bấm vào link đó.
start-welcome-back = Chào { $name }! Anh/chị đã được đăng ký với vai trò: { $role }.
start-admin =
    Chào { $name }! Anh/chị là quản trị viên của bot.
    Việc có thể làm:
    • /units — thêm, đổi tên, ngừng đơn vị
    • /invite — tạo link mời cho khối trưởng và cán bộ
start-joined-leader =
    Chào mừng { $name }! Anh/chị đã được đăng ký là { $position } của { $unit }.
    Bot sẽ nhắc việc và nhận báo cáo của đơn vị qua đây. Gõ /help để xem hướng dẫn.
start-joined-official =
    Chào mừng { $name }! Anh/chị đã được đăng ký với vai trò lãnh đạo / theo dõi.
    Anh/chị sẽ xem được tình hình báo cáo của các đơn vị. Gõ /help để xem hướng dẫn.
start-joined-admin =
    Chào mừng { $name }! Anh/chị đã được đăng ký là quản trị viên.
    Gõ /help để xem các việc có thể làm.
invite-unknown = Link mời không đúng. Anh/chị kiểm tra lại link, hoặc xin UBND thị trấn gửi link mới.
invite-used = Link mời này đã được dùng rồi. Mỗi link chỉ dùng được một lần; anh/chị xin UBND thị trấn gửi link mới.
invite-expired = Link mời này đã hết hạn. Anh/chị xin UBND thị trấn gửi link mới.
invite-unit-inactive = Đơn vị trong link mời này không còn hoạt động. Anh/chị xin UBND thị trấn gửi link mới.
help-header = Các việc anh/chị có thể làm:
help-line = /{ $command } — { $description }
help-stranger = Bot này dành cho các đơn vị của thị trấn. Anh/chị cần link mời từ UBND thị trấn để sử dụng.
me-info =
    Họ tên: { $name }
    Vai trò: { $role }
    Trạng thái: { $status }
    Ngôn ngữ: { $locale }
me-units = Đơn vị: { $units }
me-no-units = Đơn vị: (chưa gắn đơn vị nào)
# Each language is named in itself, whatever the current language.
lang-name-vi = Tiếng Việt
lang-name-en = English
lang-choose = Chọn ngôn ngữ:
lang-set = Đã chuyển sang tiếng Việt.
units-empty = Chưa có đơn vị nào. Bấm “➕ Thêm đơn vị” để thêm.
units-header = Danh sách đơn vị ({ $count }):
units-line = { $index }. { $name }{ $households } — { $members }
units-households = { " " }({ $count } hộ)
units-no-members = chưa có người báo cáo
units-add = ➕ Thêm đơn vị
units-rename = ✏️ Đổi tên
units-deactivate = 🚫 Ngừng hoạt động
units-add-kind = Anh/chị muốn thêm loại đơn vị nào? { cancel-hint }
units-add-kind-again = Anh/chị hãy bấm một trong các nút loại đơn vị ở trên. { cancel-hint }
units-add-paste =
    Dán danh sách đơn vị, mỗi dòng một đơn vị. Có thể ghi kèm số hộ sau dấu chấm phẩy, ví dụ:
    Khối 1; 120
    Khối 2; 1.050
    Khối 3
    { cancel-hint }
units-add-need-text = Anh/chị hãy gửi danh sách dưới dạng chữ, mỗi dòng một đơn vị. { cancel-hint }
units-add-bad-lines = Chưa thêm được vì có dòng chưa đúng:
units-add-fix = Anh/chị sửa rồi gửi lại toàn bộ danh sách. { cancel-hint }
units-line-error = • Dòng { $lineNo } “{ $line }”: { $reason }
units-reason-name-missing = thiếu tên đơn vị
units-reason-name-too-long = tên dài quá 80 ký tự
units-reason-households-invalid = số hộ phải là số nguyên không âm, ví dụ 120 hoặc 1.200
units-reason-duplicate = tên bị trùng với dòng trước
units-reason-name-only-number = dòng chỉ có số, thiếu tên đơn vị (ghi tên trước, ví dụ: Khối 7; 230)
units-reason-households-out-of-range = số hộ phải từ 1 đến 10.000, anh/chị kiểm tra lại (có thể gõ thừa một chữ số)
units-reason-households-not-expected = loại đơn vị này không cần số hộ, chỉ ghi tên
units-reason-too-many-parts = dòng có quá nhiều phần (cách nhau bởi dấu ; hoặc ô Excel); mỗi dòng chỉ ghi một đơn vị: tên, rồi số hộ nếu có
units-added = Đã thêm { $count } đơn vị: { $names }.
units-skipped = Đã có sẵn nên bỏ qua: { $names }.
units-nothing-added = Không có đơn vị mới nào được thêm.
units-pick-rename = Chọn đơn vị cần đổi tên:
units-rename-ask = Nhập tên mới cho “{ $name }”. { cancel-hint }
units-rename-invalid = Tên phải có từ 1 đến 80 ký tự. Anh/chị nhập lại. { cancel-hint }
units-renamed = Đã đổi tên “{ $from }” thành “{ $to }”.
units-name-taken = Đã có đơn vị tên “{ $name }”. Anh/chị nhập tên khác. { cancel-hint }
units-pick-deactivate = Chọn đơn vị cần ngừng hoạt động:
units-deactivate-confirm = Ngừng hoạt động “{ $name }”? Đơn vị này sẽ không nhận nhắc việc và không phải báo cáo nữa.
units-deactivate-yes = Đồng ý ngừng
units-deactivate-no = Không, giữ lại
units-deactivated = Đã ngừng hoạt động “{ $name }”.
units-deactivate-kept = Đã giữ nguyên, không thay đổi gì.
units-not-found = Đơn vị này không còn trong danh sách.
invite-choose-role = Tạo link mời cho ai?
invite-role-leader = Trưởng đơn vị (khối trưởng)
invite-role-deputy = Phó đơn vị
invite-role-official = Lãnh đạo / theo dõi
invite-role-admin = Quản trị viên
invite-choose-unit = Chọn đơn vị cho { $who }:
invite-no-units = Chưa có đơn vị nào. Dùng /units để thêm đơn vị trước.
invite-for-unit = { " " }— { $unit }
invite-created =
    Link mời { $who }{ $unit }:
    { $link }
    Link chỉ dùng được một lần, hạn đến { $expires }. Anh/chị gửi link này, hoặc in mã QR dưới đây.
invite-qr-caption = Mã QR mời { $who }{ $unit }. Quét bằng camera điện thoại để mở Telegram. Hạn đến { $expires }.
