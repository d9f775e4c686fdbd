start-stranger =
    Xin chào! Đây là bot nhắc việc và nhận báo cáo của UBND các xã, phường.
    Để sử dụng, anh/chị cần link mời. Vui lòng liên hệ UBND xã, phường nơi anh/chị công tác (bộ phận Văn hoá – Xã hội) để được gửi link mời.
stranger-blocked = Anh/chị chưa được đăng ký. Vui lòng liên hệ UBND xã, phường nơi anh/chị công tác để được gửi link mời, rồi bấm vào link đó.
start-welcome-back = Chào { $name }! Anh/chị đã được đăng ký với vai trò: { $role }.
start-admin =
    Chào { $name }! Anh/chị là quản trị viên của bot.
    { admin-first-steps }
start-joined-admin =
    Chào mừng { $name }! Anh/chị đã được đăng ký là quản trị viên.
    { admin-first-steps }
admin-first-steps =
    Các bước bắt đầu:
    1. /units — thêm danh sách { $unitTerms }, trường học, đoàn thể…
    2. /invite — mời người phụ trách các đơn vị (có thẻ mời in sẵn mã QR)
    3. Gửi tệp kế hoạch hoặc thông báo (Word, PDF) vào đây: bot đọc và soạn sẵn các việc để anh/chị xem lại rồi tạo; hoặc /newtask để giao một việc
    Gõ /help để xem tất cả các việc có thể làm.
# Asked once, right after the first admin joins, while the office has not chosen the term.
start-first-run-term = Trước hết, ở địa phương mình đơn vị dân cư được gọi là gì? Anh/chị bấm một nút dưới đây (sau này đổi được trong /settings).
start-joined-leader =
    Chào mừng { $name }! Anh/chị đã được đăng ký là { $position } của { $unit }.
    Bot sẽ nhắc việc và nhận báo cáo của đơn vị qua đây. Gõ /help để xem hướng dẫn.
start-joined-official =
    Chào mừng { $name }! Anh/chị đã được đăng ký với vai trò lãnh đạo / theo dõi.
    Anh/chị sẽ xem được tình hình báo cáo của các đơn vị. Gõ /help để xem hướng dẫn.
# How a newcomer is named in the welcome ("… là { $position } của Khối 2").
joined-as-leader = người phụ trách
joined-as-deputy = cấp phó
joined-as-leader-block = { $unitTermLeader }
joined-as-deputy-block = phó { $unitTermLeader }
invite-unknown = Link mời không đúng. Anh/chị kiểm tra lại link, hoặc xin nơi đã gửi link cho anh/chị gửi link mới.
invite-used = Link mời này đã được dùng rồi. Mỗi link chỉ dùng được một lần; anh/chị xin nơi đã gửi link cho anh/chị gửi link mới.
invite-expired = Link mời này đã hết hạn. Anh/chị xin nơi đã gửi link cho anh/chị gửi link mới.
invite-unit-inactive = Đơn vị trong link mời này không còn hoạt động. Anh/chị xin nơi đã gửi link cho anh/chị gửi link mới.
invite-setup-used = Link cài đặt này đã được dùng rồi: bot đã có quản trị viên. Nếu anh/chị cần tham gia, hãy xin quản trị viên gửi link mời.
invite-setup-expired = Link cài đặt này đã hết hạn hoặc đã được thay bằng link mới. Khởi động lại bot, link mới sẽ hiện trên màn hình máy chủ.
# Printed once on the server's console (not in the logs) while the bot has no admin.
setup-link-line = Bot chưa có quản trị viên. Mở link này trên Telegram trong vòng { $hours } giờ để trở thành quản trị viên (chỉ dùng được một lần): { $link }
help-header = Các việc anh/chị có thể làm:
help-admin-plan = 📄 Gửi thẳng tệp kế hoạch, thông báo (Word .docx, PDF, .txt) hoặc dán nội dung vào đây: bot soạn sẵn các việc để anh/chị xem lại rồi bấm “Tạo tất cả”.
help-line = /{ $command } — { $description }
help-stranger = Bot này dành cho UBND các xã, phường và các đơn vị của mình. Anh/chị cần link mời từ UBND xã, phường nơi anh/chị công tác để sử dụng.
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
units-empty-add = Chưa có đơn vị nào. Anh/chị muốn thêm loại đơn vị nào trước? Bấm một nút dưới đây.
units-header = Danh sách đơn vị ({ $count }):
units-kind-header = { $kind } ({ $count }):
units-line = { $index }. { $name }{ $households } — { $members }
units-households = { " " }({ $count } hộ)
units-households-missing = { " " }(chưa ghi số hộ)
units-no-members = chưa có người phụ trách
units-add = ➕ Thêm đơn vị
units-rename = ✏️ Đổi tên
units-deactivate = 🚫 Ngừng hoạt động
units-households-edit = 🏠 Sửa số hộ
units-reactivate = ♻️ Mở lại đơn vị đã ngừng ({ $count })
units-add-kind = Anh/chị muốn thêm loại đơn vị nào? { cancel-hint }
units-add-kind-again = Anh/chị hãy bấm một trong các nút loại đơn vị ở trên. { cancel-hint }
units-add-paste-block =
    Dán danh sách { $unitTerms }, mỗi dòng một { $unitTerm }, ghi kèm số hộ nếu có. Ví dụ:
    { $UnitTerm } 1; 120
    { $UnitTerm } 2: 1.050 hộ
    { $UnitTerm } 3
    { cancel-hint }
units-add-paste-school =
    Dán danh sách trường học, mỗi dòng một trường (không cần số hộ). Ví dụ:
    Trường Mầm non Hoa Sen
    Trường Tiểu học số 1
    { cancel-hint }
units-add-paste-club =
    Dán danh sách câu lạc bộ, mỗi dòng một câu lạc bộ (không cần số hộ). Ví dụ:
    Câu lạc bộ Dưỡng sinh
    CLB Văn nghệ
    { cancel-hint }
units-add-paste-organisation =
    Dán danh sách tổ chức, đoàn thể, mỗi dòng một tên (không cần số hộ). Ví dụ:
    Hội Cựu chiến binh
    Đoàn Thanh niên
    { cancel-hint }
units-add-paste-staff =
    Dán danh sách vị trí công chức phải báo cáo, mỗi dòng một vị trí (không cần số hộ). Ví dụ:
    Công chức Địa chính – Xây dựng
    Văn phòng – Thống kê
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
units-added = Đã thêm { $count } đơn vị ({ $kind }):
units-added-line = • { $name }{ $households }
units-skipped = Đã có sẵn nên bỏ qua: { $names }.
units-nothing-added = Không có đơn vị mới nào được thêm.
units-added-check = Số hộ nào ghi nhầm thì bấm /units → “🏠 Sửa số hộ”.
units-add-more = Thêm loại khác? Bấm một nút dưới đây, hoặc gõ /units để xem danh sách.
units-add-kind-button = ➕ { $kind }
units-hh-none = Chưa có { $unitTerm } nào để sửa số hộ. Anh/chị thêm bằng /units → “➕ Thêm đơn vị”.
units-hh-ask =
    Gõ tên { $unitTerm } và số hộ đúng, mỗi dòng một { $unitTerm }, ví dụ:
    { $example }
    Sửa được nhiều dòng một lần. { cancel-hint }
units-hh-bad-lines = Chưa sửa được vì có dòng chưa đúng:
units-hh-reason-unknown-unit = không có { $unitTerm } nào tên như vậy (xem đúng tên trong /units)
units-hh-reason-not-residential = đơn vị này không phải { $unitTerm } nên không ghi số hộ
units-hh-reason-count-missing = thiếu số hộ sau tên (ví dụ: { $example })
units-hh-done = Đã sửa số hộ:
units-hh-line = • { $name }: { $from } → { $to } hộ
units-hh-unknown = chưa có
units-hh-nothing = Số hộ đã đúng như vậy rồi, không có gì thay đổi.
units-pick-rename = Chọn đơn vị cần đổi tên:
units-rename-ask = Nhập tên mới cho “{ $name }”. { cancel-hint }
units-rename-invalid = Tên phải có từ 1 đến 80 ký tự. Anh/chị nhập lại. { cancel-hint }
units-renamed = Đã đổi tên “{ $from }” thành “{ $to }”.
units-name-taken = Đã có đơn vị tên “{ $name }”. Anh/chị nhập tên khác. { cancel-hint }
units-pick-deactivate = Chọn đơn vị cần ngừng hoạt động:
units-deactivate-confirm = Ngừng hoạt động “{ $name }”? Đơn vị này sẽ không nhận nhắc việc và không phải báo cáo nữa.
units-deactivate-yes = Đồng ý ngừng
units-deactivate-no = Không, giữ lại
units-deactivated = Đã ngừng hoạt động “{ $name }”. Muốn dùng lại thì bấm /units → “♻️ Mở lại đơn vị đã ngừng”.
units-deactivate-kept = Đã giữ nguyên, không thay đổi gì.
units-not-found = Đơn vị này không còn trong danh sách.
units-pick-reactivate = Chọn đơn vị cần mở lại:
units-none-inactive = Không có đơn vị nào đang ngừng hoạt động.
units-reactivated = Đã mở lại “{ $name }”. Đơn vị này lại nhận nhắc việc và báo cáo như trước.
units-reactivate-name-taken = Chưa mở lại được: đang có đơn vị khác tên “{ $name }”. Anh/chị đổi tên đơn vị kia trước.
invite-choose-role = Tạo link mời cho ai?
invite-summary = { $without } trên { $total } đơn vị chưa có người phụ trách.
invite-pending-note = { $pending } đơn vị trong số đó đã có link mời còn hạn mà chưa ai dùng; tạo link mới thì link cũ vẫn dùng được.
invite-all = 📨 Mời tất cả đơn vị chưa có người ({ $count })
invite-pick = ☑️ Chọn đơn vị để mời (in thẻ)
invite-pick-prompt = Mời người phụ trách của những đơn vị nào? Mỗi đơn vị được một link riêng và một thẻ mời để in. { cancel-hint }
invite-role-leader = Người phụ trách một đơn vị
invite-role-deputy = Cấp phó một đơn vị
invite-role-official = Lãnh đạo / theo dõi
invite-role-admin = Quản trị viên
invite-choose-unit-leader = Mời người phụ trách của đơn vị nào?
invite-choose-unit-deputy = Mời cấp phó của đơn vị nào?
invite-no-units = Chưa có đơn vị nào. Dùng /units để thêm đơn vị trước.
invite-all-none = Đơn vị nào cũng đã có người phụ trách. Muốn mời thêm người (ví dụ cấp phó), anh/chị gõ /invite rồi chọn “Cấp phó một đơn vị”.
# The role on a link, QR code or printed card, worded for the unit's kind.
invite-as-leader = Người phụ trách đơn vị
invite-as-deputy = Cấp phó
invite-as-leader-block = Người phụ trách { $unitTerm } ({ $unitTermLeader })
invite-as-deputy-block = Cấp phó (phó { $unitTermLeader })
invite-as-official = Lãnh đạo / theo dõi
invite-as-admin = Quản trị viên
invite-for-unit = { " " }— { $unit }
invite-created =
    🔗 Link mời — { $who }{ $unit }:
    { $link }
    Link chỉ dùng được một lần, hạn đến { $expires }. Anh/chị gửi link này cho đúng người, hoặc in mã QR dưới đây.
invite-qr-caption = Mã QR mời { $who }{ $unit }. Mở camera điện thoại, quét mã, rồi bấm Bắt đầu (Start) trong Telegram. Hạn đến { $expires }.
invite-batch-header =
    📨 Đã tạo { $count } link mời cho người phụ trách đơn vị. Mỗi link chỉ dùng một lần, hạn đến { $expires }.
    Gửi riêng từng link cho đúng đơn vị, hoặc in thẻ mời trong tệp PDF bên dưới.
invite-batch-line = • { $unit }: { $link }
invite-batch-caption = 🖨 Thẻ mời để in: { $count } thẻ, 6 thẻ một trang A4. In ra, cắt theo đường nét đứt, trao tận tay từng đơn vị.
invite-batch-filename = the-moi-{ $date }.pdf
invite-batch-again = Các link mời của lần bấm này đã được tạo ở trên rồi, bot không tạo thêm.
