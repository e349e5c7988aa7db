<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>AbbreviationsPage</name>
    <message>
        <location filename="../settings_dialog.py" line="110"/>
        <source>Mọi chỗ</source>
        <translation>Anywhere</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="110"/>
        <source>Loại văn bản</source>
        <translation>Document type</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="110"/>
        <source>Cơ quan trong số hiệu</source>
        <translation>Issuer in a document number</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="133"/>
        <source>Viết tắt</source>
        <translation>Abbreviation</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="133"/>
        <source>Đọc là</source>
        <translation>Read as</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="133"/>
        <source>Dùng cho</source>
        <translation>Used for</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="138"/>
        <source>Thêm</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="139"/>
        <source>Xóa</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="140"/>
        <source>Chữ viết tắt đọc thành lời trong bài phát thanh. Mục có sẵn giữ tên, sửa cách đọc được; mục của đơn vị lưu trong: %1</source>
        <translation>Abbreviations read out in loudspeaker scripts. Shipped entries keep their name, their reading can be changed; the office's entries are kept in: %1</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="144"/>
        <source>Không đọc được tệp chữ viết tắt của đơn vị, nên chưa sửa được ở đây: %1</source>
        <translation>The office's abbreviations file cannot be read, so it cannot be edited here: %1</translation>
    </message>
</context>
<context>
    <name>AddValueDialog</name>
    <message>
        <location filename="../policy_dialog.py" line="202"/>
        <source>Thêm mức mới</source>
        <translation>Add a value</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="202"/>
        <source>Lưu mức mới</source>
        <translation>Save the value</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="211"/>
        <source>Hiệu lực từ ngày</source>
        <translation>In force from</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="217"/>
        <source>Dự kiến — chưa có văn bản chính thức (chỉ dùng khi chiến dịch chọn dùng số liệu dự kiến)</source>
        <translation>Proposal — not yet enacted (used only when a campaign opts in to proposed figures)</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="236"/>
        <source>đồng</source>
        <translation>đồng (VND)</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="242"/>
        <source> tháng</source>
        <translation> months</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="256"/>
        <source>Người thứ %1</source>
        <translation>Member %1</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <location filename="../batch_dialog.py" line="614"/>
        <source>Chọn bảng tính</source>
        <translation>Choose a spreadsheet</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="615"/>
        <source>Bảng tính (*.xlsx *.xlsm *.csv *.txt);;Mọi tệp (*)</source>
        <translation>Spreadsheets (*.xlsx *.xlsm *.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="626"/>
        <source>Đang đọc bảng tính…</source>
        <translation>Reading the spreadsheet…</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="688"/>
        <source>trang «%1», </source>
        <translation>sheet «%1», </translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="691"/>
        <source>%1 dòng dữ liệu · %2tiêu đề ở dòng %3 · %4</source>
        <translation>%1 data row(s) · %2header on row %3 · %4</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="696"/>
        <source>chữ mã cũ %1 đã được chuyển sang Unicode, hãy soát lại</source>
        <translation>legacy %1 text was converted to Unicode, please check it</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="767"/>
        <location filename="../batch_dialog.py" line="1176"/>
        <source>— không dùng —</source>
        <translation>— not used —</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="806"/>
        <source>Chọn một bảng tính CSV hoặc Excel (.xlsx) để bắt đầu: mỗi dòng một thôn, một ấn phẩm.</source>
        <translation>Choose a CSV or Excel (.xlsx) spreadsheet to start: one row per village, one piece per row.</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="814"/>
        <source>Chưa ghép cột nào với trường của mẫu.</source>
        <translation>No column is mapped to a template field yet.</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="816"/>
        <source>Trường bắt buộc chưa có cột: %1.</source>
        <translation>Required fields without a column: %1.</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="818"/>
        <source>%1 cột được ghép với trường của mẫu (* là bắt buộc).</source>
        <translation>%1 column(s) mapped to template fields (* = required).</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="820"/>
        <source>Trường không có cột lấy nội dung của ấn phẩm đang mở.</source>
        <translation>Fields without a column take the open piece&apos;s content.</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="821"/>
        <source>Trường không có cột dùng nội dung mặc định của mẫu.</source>
        <translation>Fields without a column use the template&apos;s defaults.</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="862"/>
        <source>Đang kiểm tra các dòng…</source>
        <translation>Checking the rows…</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="941"/>
        <source>Chưa có bảng tính.</source>
        <translation>No spreadsheet yet.</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="945"/>
        <source>%1 dòng · %2 hợp lệ</source>
        <translation>%1 row(s) · %2 valid</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="948"/>
        <source>%1 dòng lỗi</source>
        <translation>%1 with problems</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="991"/>
        <source>Xem trước dòng %1</source>
        <translation>Preview of row %1</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1034"/>
        <source>Chạy tiếp</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1035"/>
        <source>Tạo %1 ấn phẩm</source>
        <translation>Make %1 piece(s)</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1038"/>
        <source>Tạo ấn phẩm</source>
        <translation>Make pieces</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1041"/>
        <source>Bảng còn dòng lỗi: sửa bảng tính (rồi chọn lại tệp) hoặc chọn bỏ qua dòng lỗi.</source>
        <translation>Some rows have problems: fix the spreadsheet (then choose the file again) or choose to skip bad rows.</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="578"/>
        <source>Chọn thư mục lưu</source>
        <translation>Choose the output folder</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="930"/>
        <source>Đang thay địa danh…</source>
        <translation>Replacing place names…</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="953"/>
        <source>%1 địa danh cũ — %2 có tên mới</source>
        <translation>%1 old place name(s) — %2 with a new name</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="956"/>
        <source>%1 địa danh cũ</source>
        <translation>%1 old place name(s)</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="959"/>
        <source>đã thay %1 địa danh</source>
        <translation>%1 place name(s) replaced</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1023"/>
        <source>Hoàn tác thay địa danh</source>
        <translation>Undo place changes</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1024"/>
        <source>Áp dụng mọi gợi ý địa danh</source>
        <translation>Apply all place suggestions</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1026"/>
        <source>Trả lại các địa danh như trong bảng tính (Ctrl+Z).</source>
        <translation>Put the place names back as the sheet has them (Ctrl+Z).</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1027"/>
        <source>Thay mỗi địa danh cũ có đúng một tên mới bằng tên đó, trong ấn phẩm và tên tệp của lần tạo này. Bảng tính không bị sửa.</source>
        <translation>Replace each old place name that has exactly one new name with it, in this run&apos;s pieces and file names. The sheet itself is not changed.</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1064"/>
        <source>Đang khởi động các tiến trình dựng hình…</source>
        <translation>Starting the render processes…</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1082"/>
        <source>Đang dừng…</source>
        <translation>Stopping…</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1096"/>
        <source>%1/%2 dòng · còn khoảng %3 · dòng %4</source>
        <translation>%1/%2 rows · about %3 left · row %4</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1115"/>
        <source>Chạy hàng loạt không thành công</source>
        <translation>The batch failed</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1119"/>
        <source>Đã dừng. Chỉ các tệp đã làm xong được giữ lại trong %1; bấm «Chạy tiếp» để làm các dòng còn lại.</source>
        <translation>Stopped. Only finished files were kept in %1; press «Continue» to make the remaining rows.</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1125"/>
        <source>Xong: %1 dòng, %2 tệp trong %3 → %4</source>
        <translation>Done: %1 row(s), %2 file(s) in %3 → %4</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1129"/>
        <source>Tệp in gộp cho nhà in: %1</source>
        <translation>Combined file for the print shop: %1</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1133"/>
        <source>%1 dòng không tạo được (xem cột Kiểm tra).</source>
        <translation>%1 row(s) could not be made (see the Check column).</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1160"/>
        <source>Tạo hàng loạt từ bảng tính</source>
        <translation>Batch from a spreadsheet</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1161"/>
        <source>Bảng tính và mẫu</source>
        <translation>Spreadsheet and template</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1162"/>
        <source>Bảng tính</source>
        <translation>Spreadsheet</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1163"/>
        <source>Tệp CSV hoặc Excel (.xlsx): mỗi dòng một ấn phẩm</source>
        <translation>A CSV or Excel (.xlsx) file: one piece per row</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1164"/>
        <source>Chọn tệp…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1165"/>
        <source>Trang</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1166"/>
        <source>Mẫu</source>
        <translation>Template</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1167"/>
        <source>Khổ</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1168"/>
        <source>Đối tượng</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1169"/>
        <source>Cho cả bảng</source>
        <translation>For all rows</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1170"/>
        <source>Theo cột</source>
        <translation>From column</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1171"/>
        <source>Ghép cột với trường của mẫu</source>
        <translation>Map columns to template fields</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1172"/>
        <source>Cột trong bảng</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1173"/>
        <source>Ví dụ (dòng đầu)</source>
        <translation>Example (first row)</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1174"/>
        <source>Trường của mẫu</source>
        <translation>Template field</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1177"/>
        <source>Ghép tự động</source>
        <translation>Match automatically</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1178"/>
        <source>Ghép theo tên cột: không phân biệt hoa thường và dấu («Tên thôn» → Thôn, xã)</source>
        <translation>Match by column name, ignoring case and diacritics («Tên thôn» → Village / commune)</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1180"/>
        <source>Các dòng (số dòng như trong Excel)</source>
        <translation>Rows (numbered as in Excel)</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1181"/>
        <source>Chỉ hiện dòng lỗi, cảnh báo</source>
        <translation>Only rows with errors or warnings</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1183"/>
        <source>Chọn một dòng để xem trước ấn phẩm của dòng đó.</source>
        <translation>Select a row to preview its piece.</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1185"/>
        <source>Lưu vào</source>
        <translation>Save to</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1186"/>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1187"/>
        <source>Một PDF gộp cho nhà in</source>
        <translation>One combined PDF for the print shop</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1188"/>
        <source>bỏ qua, làm các dòng hợp lệ</source>
        <translation>skip them, make the valid rows</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1189"/>
        <source>không chạy khi còn dòng lỗi</source>
        <translation>do not run while any row has problems</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1190"/>
        <source>Dòng lỗi:</source>
        <translation>Rows with problems:</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="1201"/>
        <source>Mỗi dòng tạo một ấn phẩm với tên tệp theo dòng; kèm manifest ghi số dòng và đối tượng.</source>
        <translation>Each row makes one piece, its files named after the row; the manifest records each row&apos;s number and segment.</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <location filename="../campaign_dialog.py" line="84"/>
        <source>Nội dung chung của chiến dịch</source>
        <translation>Shared campaign content</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="91"/>
        <source>Những nội dung này in trên mọi ấn phẩm của chiến dịch: sửa một lần, mọi áp phích, băng rôn, bài loa và tin nhắn đều theo.</source>
        <translation>These appear on every piece of the campaign: change them once and every poster, banner, loudspeaker script and SMS follows.</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="104"/>
        <source>Thông điệp</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="114"/>
        <source>Tên chiến dịch</source>
        <translation>Campaign name</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="115"/>
        <source>Thông điệp chính</source>
        <translation>Key message</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="116"/>
        <source>Lời kêu gọi</source>
        <translation>Call to action</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="119"/>
        <source>Đơn vị và liên hệ</source>
        <translation>Issuer and contact</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="123"/>
        <source>Bảo hiểm xã hội tỉnh …</source>
        <translation>Social Security of … province</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="127"/>
        <source>Đơn vị phát hành</source>
        <translation>Issuing unit</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="128"/>
        <source>Đường dây nóng</source>
        <translation>Hotline</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="129"/>
        <source>Trang thông tin</source>
        <translation>Website</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="130"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="133"/>
        <source>Nhận diện</source>
        <translation>Identity</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="142"/>
        <source>Chọn logo…</source>
        <translation>Choose logo…</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="144"/>
        <source>Bỏ logo</source>
        <translation>Remove logo</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="156"/>
        <source>Màu chính</source>
        <translation>Primary colour</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="157"/>
        <source>Màu nhấn</source>
        <translation>Accent colour</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="158"/>
        <source>Phông chữ: Be Vietnam Pro (đủ dấu tiếng Việt)</source>
        <translation>Typeface: Be Vietnam Pro (full Vietnamese coverage)</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="160"/>
        <source>Phông</source>
        <translation>Font</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="164"/>
        <source>Ngày và số liệu chính sách</source>
        <translation>Date and policy figures</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="171"/>
        <source>Ngày chiến dịch</source>
        <translation>Campaign date</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="175"/>
        <source>Dùng cả số liệu dự kiến, chưa có văn bản</source>
        <translation>Also use proposed figures not yet enacted</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="187"/>
        <source>Áp dụng cho mọi ấn phẩm</source>
        <translation>Apply to every piece</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="190"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="211"/>
        <source>Chọn logo</source>
        <translation>Choose a logo</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="212"/>
        <source>Ảnh</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="223"/>
        <source>Kéo thả logo vào đây</source>
        <translation>Drop the logo here</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="224"/>
        <source>Chưa có logo</source>
        <translation>No logo</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="233"/>
        <source>Lương cơ sở: %1</source>
        <translation>Base salary: %1</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="234"/>
        <source>BHXH tự nguyện: đóng %1 thu nhập; thấp nhất %2/tháng</source>
        <translation>Voluntary social insurance: %1 of income; at least %2/month</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="237"/>
        <source>BHYT hộ gia đình, người thứ nhất: %1/tháng</source>
        <translation>Household health insurance, first member: %1/month</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="240"/>
        <source>Căn cứ: %1</source>
        <translation>Sources: %1</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="271"/>
        <source>Chiến dịch cần có tên.</source>
        <translation>The campaign needs a name.</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="274"/>
        <source>Màu phải viết dạng #RRGGBB, ví dụ #0B5CAD.</source>
        <translation>Colours must be written as #RRGGBB, e.g. #0B5CAD.</translation>
    </message>
</context>
<context>
    <name>CampaignModel</name>
    <message>
        <location filename="../model.py" line="43"/>
        <source>Chiến dịch mới</source>
        <translation>New campaign</translation>
    </message>
    <message>
        <location filename="../model.py" line="98"/>
        <source>Đổi thông tin ấn phẩm</source>
        <translation>Change piece details</translation>
    </message>
    <message>
        <location filename="../model.py" line="106"/>
        <source>Sửa nội dung chung</source>
        <translation>Edit shared content</translation>
    </message>
    <message>
        <location filename="../model.py" line="113"/>
        <source>Thêm ấn phẩm</source>
        <translation>Add piece</translation>
    </message>
    <message>
        <location filename="../model.py" line="188"/>
        <source>Sửa «%1»</source>
        <translation>Edit «%1»</translation>
    </message>
    <message>
        <location filename="../model.py" line="276"/>
        <source>Xóa ấn phẩm</source>
        <translation>Delete piece</translation>
    </message>
    <message>
        <location filename="../model.py" line="294"/>
        <source>Đổi thứ tự ấn phẩm</source>
        <translation>Reorder pieces</translation>
    </message>
</context>
<context>
    <name>ChecksList</name>
    <message>
        <location filename="../preview.py" line="334"/>
        <source>Không có lỗi: sẵn sàng xuất.</source>
        <translation>No problems: ready to export.</translation>
    </message>
    <message>
        <location filename="../preview.py" line="344"/>
        <source>Bấm để tới ô cần sửa</source>
        <translation>Click to go to the field to fix</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../policy_dialog.py" line="300"/>
        <source>Xác nhận mức dự kiến</source>
        <translation>Confirm a proposed value</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="300"/>
        <source>Xác nhận</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="304"/>
        <source>«%1» từ ngày %2 đang là mức dự kiến. Chỉ xác nhận khi đã đối chiếu văn bản chính thức: sau khi xác nhận, mọi ấn phẩm có ngày chiến dịch từ ngày đó sẽ in mức này.</source>
        <translation>«%1» from %2 is a proposal. Confirm it only once you have checked the enacted document: once confirmed, every piece whose campaign date is on or after that day prints this value.</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="311"/>
        <source>Ghi chú khi nhập: %1</source>
        <translation>Note when entered: %1</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../dialogs.py" line="43"/>
        <source>Đã xảy ra lỗi không mong muốn. Công việc của bạn vẫn được giữ: bản tự lưu sẽ được đề nghị khôi phục nếu cần. Chi tiết đã ghi vào nhật ký:</source>
        <translation>Something unexpected went wrong. Your work is kept: the autosave will be offered for recovery if needed. Details were written to the log:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="68"/>
        <source>Không thực hiện được</source>
        <translation>Could not be done</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="71"/>
        <location filename="../dialogs.py" line="78"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="83"/>
        <source>Chiến dịch «%1» có thay đổi chưa lưu. Lưu trước khi đóng?</source>
        <translation>The campaign «%1» has unsaved changes. Save before closing?</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="84"/>
        <source>Lưu thay đổi?</source>
        <translation>Save changes?</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="86"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="87"/>
        <source>Không lưu</source>
        <translation>Don&apos;t save</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="89"/>
        <location filename="../dialogs.py" line="132"/>
        <location filename="../dialogs.py" line="169"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="107"/>
        <source>(chưa lưu thành tệp)</source>
        <translation>(never saved to a file)</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="108"/>
        <source>Lần trước An Sinh Studio đã đóng đột ngột. Có bản tự lưu của chiến dịch «%1» lúc %2.
Tệp gốc: %3

Khôi phục các thay đổi chưa lưu?</source>
        <translation>An Sinh Studio closed unexpectedly last time. There is an autosave of the campaign «%1» from %2.
Original file: %3

Recover the unsaved changes?</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="111"/>
        <source>Khôi phục công việc</source>
        <translation>Recover work</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="113"/>
        <source>Khôi phục</source>
        <translation>Recover</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="114"/>
        <source>Bỏ bản tự lưu</source>
        <translation>Discard autosave</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="116"/>
        <source>Để sau</source>
        <translation>Later</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="164"/>
        <source>Chọn tất cả</source>
        <translation>Select all</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../export_dialog.py" line="339"/>
        <source>Sẽ xuất %1 bản (ấn phẩm × đối tượng).</source>
        <translation>%1 renders will be exported (pieces × segments).</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="264"/>
        <source>Chọn thư mục xuất</source>
        <translation>Choose the export folder</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="370"/>
        <source>Đang chuẩn bị…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="383"/>
        <source>Đang dừng sau ấn phẩm hiện tại…</source>
        <translation>Stopping after the current piece…</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="394"/>
        <source>%1/%2 · còn khoảng %3 giây · %4</source>
        <translation>%1/%2 · about %3 s left · %4</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="410"/>
        <source>Xuất không thành công</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="413"/>
        <source>Đã dừng. Không có tệp nào được giữ lại.</source>
        <translation>Stopped. No files were kept.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="416"/>
        <source>Xong: %1 tệp trong %2 giây → %3</source>
        <translation>Done: %1 file(s) in %2 s → %3</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="420"/>
        <source>%1 bản bị bỏ qua vì còn lỗi (xem manifest.json).</source>
        <translation>%1 renders were skipped because of errors (see manifest.json).</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="453"/>
        <source>Xuất ấn phẩm</source>
        <translation>Export pieces</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="454"/>
        <source>Ấn phẩm</source>
        <translation>Pieces</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="455"/>
        <source>Chọn hết</source>
        <translation>Select all</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="456"/>
        <source>Bỏ chọn</source>
        <translation>Select none</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="457"/>
        <source>Chỉ ấn phẩm đang mở</source>
        <translation>Only the open piece</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="458"/>
        <source>Đối tượng</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="459"/>
        <source>Giữ đối tượng của từng ấn phẩm</source>
        <translation>Keep each piece&apos;s own segment</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="460"/>
        <source>Xuất mỗi ấn phẩm cho các đối tượng:</source>
        <translation>Export each piece for these segments:</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="461"/>
        <source>Định dạng</source>
        <translation>Formats</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="462"/>
        <source>theo mẫu</source>
        <translation>template default</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="463"/>
        <source>Độ phân giải PNG cho khổ in; «theo mẫu» dùng mức của mẫu</source>
        <translation>PNG resolution for print sizes; «template default» uses the template&apos;s own</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="464"/>
        <source>Văn bản (chú thích, bài loa, tin nhắn)</source>
        <translation>Text (captions, loudspeaker scripts, SMS)</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="466"/>
        <source>Bài loa và tin nhắn SMS luôn xuất dạng văn bản; số, tiền và số điện thoại được viết thành chữ để đọc.</source>
        <translation>Loudspeaker scripts and SMS are always exported as text; numbers, money and phone numbers are written out for reading aloud.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="468"/>
        <source>Tùy chọn in</source>
        <translation>Print options</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="469"/>
        <source>Dấu cắt (crop marks)</source>
        <translation>Crop marks</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="470"/>
        <source>PDF/X-4 cho nhà in</source>
        <translation>PDF/X-4 for the print shop</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="472"/>
        <source>Lề xén (bleed) 3–5 mm theo khổ luôn có trong PDF; chữ nằm cách đường xén ít nhất 3 mm.</source>
        <translation>The PDF always carries the size&apos;s 3–5 mm bleed; text stays at least 3 mm inside the trim.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="474"/>
        <location filename="../export_dialog.py" line="481"/>
        <source>Nơi lưu</source>
        <translation>Destination</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="475"/>
        <source>Chọn…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="476"/>
        <source>Thư mục</source>
        <translation>Folder</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="477"/>
        <source>Tệp nén .zip</source>
        <translation>.zip archive</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="479"/>
        <source>Xuất</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="480"/>
        <source>Lịch sử xuất của chiến dịch</source>
        <translation>Export history of this campaign</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="481"/>
        <source>Thời gian</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="482"/>
        <source>Số tệp</source>
        <translation>Files</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="484"/>
        <source>Chọn ấn phẩm, đối tượng và định dạng rồi bấm Xuất.</source>
        <translation>Choose pieces, segments and formats, then press Export.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="452"/>
        <source>Âm thanh bài loa (WAV, MP3)</source>
        <translation>Loudspeaker audio (WAV, MP3)</translation>
    </message>
</context>
<context>
    <name>FieldForm</name>
    <message>
        <location filename="../form.py" line="244"/>
        <source>%1/%2 ký tự</source>
        <translation>%1/%2 characters</translation>
    </message>
    <message>
        <location filename="../form.py" line="248"/>
        <source>%1 ký tự</source>
        <translation>%1 characters</translation>
    </message>
    <message>
        <location filename="../form.py" line="251"/>
        <source>%1/%2 dòng</source>
        <translation>%1/%2 lines</translation>
    </message>
    <message>
        <location filename="../form.py" line="344"/>
        <source>Chọn ảnh</source>
        <translation>Choose an image</translation>
    </message>
    <message>
        <location filename="../form.py" line="345"/>
        <source>Ảnh</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../form.py" line="371"/>
        <source>Kéo thả ảnh vào đây</source>
        <translation>Drop an image here</translation>
    </message>
    <message>
        <location filename="../form.py" line="372"/>
        <source>Không thấy tệp ảnh</source>
        <translation>Image file not found</translation>
    </message>
    <message>
        <location filename="../form.py" line="374"/>
        <source>Chưa có ảnh</source>
        <translation>No image</translation>
    </message>
    <message>
        <location filename="../form.py" line="376"/>
        <source>Ảnh mặc định của mẫu</source>
        <translation>The template&apos;s default image</translation>
    </message>
    <message>
        <location filename="../form.py" line="382"/>
        <source>Chọn ảnh…</source>
        <translation>Choose image…</translation>
    </message>
    <message>
        <location filename="../form.py" line="383"/>
        <source>Mặc định</source>
        <translation>Default</translation>
    </message>
    <message>
        <location filename="../form.py" line="384"/>
        <source>Bỏ ảnh</source>
        <translation>No image</translation>
    </message>
    <message>
        <location filename="../form.py" line="385"/>
        <source>Kéo thả tệp PNG, JPEG, WebP hoặc SVG vào đây, hoặc bấm để chọn</source>
        <translation>Drop a PNG, JPEG, WebP or SVG file here, or click to choose one</translation>
    </message>
    <message>
        <location filename="../form.py" line="416"/>
        <source>Chọn màu</source>
        <translation>Choose a colour</translation>
    </message>
    <message>
        <location filename="../form.py" line="537"/>
        <source>Mã QR in trên ấn phẩm</source>
        <translation>QR code printed on the piece</translation>
    </message>
    <message>
        <location filename="../form.py" line="620"/>
        <source>Để trống để dùng nội dung chung của chiến dịch.</source>
        <translation>Leave empty to use the campaign&apos;s shared content.</translation>
    </message>
    <message>
        <location filename="../form.py" line="734"/>
        <source>Không có mẫu «%1» trên máy này.</source>
        <translation>Template «%1» is not installed on this computer.</translation>
    </message>
    <message>
        <location filename="../form.py" line="827"/>
        <source>Chung: %1</source>
        <translation>Shared: %1</translation>
    </message>
    <message>
        <location filename="../form.py" line="850"/>
        <source>Tên ấn phẩm</source>
        <translation>Piece name</translation>
    </message>
    <message>
        <location filename="../form.py" line="851"/>
        <source>Tên để nhận ra ấn phẩm trong danh sách (không in ra)</source>
        <translation>A name to recognise the piece in the list (not printed)</translation>
    </message>
    <message>
        <location filename="../form.py" line="853"/>
        <source>Khổ</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../form.py" line="854"/>
        <source>Đối tượng</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../form.py" line="855"/>
        <source>Chưa chọn ấn phẩm nào.</source>
        <translation>No piece selected.</translation>
    </message>
    <message>
        <location filename="../form.py" line="856"/>
        <source>Đường dây nóng, đơn vị phát hành, logo, màu và ngày chiến dịch dùng chung cho mọi ấn phẩm: sửa ở &lt;a href=&apos;campaign&apos;&gt;Nội dung chung&lt;/a&gt;.</source>
        <translation>Hotline, issuing unit, logo, colours and campaign date are shared by every piece: edit them in &lt;a href=&apos;campaign&apos;&gt;Shared content&lt;/a&gt;.</translation>
    </message>
</context>
<context>
    <name>GalleryPage</name>
    <message>
        <location filename="../gallery.py" line="444"/>
        <source>Không có mẫu nào khớp bộ lọc.</source>
        <translation>No template matches the filters.</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="456"/>
        <source>Khổ: %1</source>
        <translation>Sizes: %1</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="458"/>
        <source>%1 trường nội dung</source>
        <translation>%1 content fields</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="459"/>
        <source>văn bản</source>
        <translation>text</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="460"/>
        <source>Xuất: %1</source>
        <translation>Exports: %1</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="463"/>
        <source>Mẫu của bạn</source>
        <translation>Your own template</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="474"/>
        <source>Thư viện mẫu</source>
        <translation>Template gallery</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="476"/>
        <source>Chọn một mẫu để tạo ấn phẩm mới. Hình thu nhỏ được dựng từ chính mẫu, với nội dung chung của chiến dịch và mức đóng của đối tượng đã chọn.</source>
        <translation>Pick a template to create a new piece. Thumbnails are rendered from the templates themselves, with the campaign&apos;s shared content and the chosen segment&apos;s contribution figures.</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="478"/>
        <source>Quay lại biên tập</source>
        <translation>Back to editing</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="479"/>
        <source>Tìm mẫu: áp phích, loa, SMS…</source>
        <translation>Search templates: poster, loudspeaker, SMS…</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="480"/>
        <source>Đối tượng</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="481"/>
        <source>Tạo ấn phẩm từ mẫu này</source>
        <translation>New piece from this template</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="484"/>
        <source>Mọi loại ấn phẩm</source>
        <translation>All kinds</translation>
    </message>
</context>
<context>
    <name>JobDialog</name>
    <message>
        <location filename="../jobdialog.py" line="97"/>
        <source>Mở thư mục</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../jobdialog.py" line="98"/>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../jobdialog.py" line="99"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Listener</name>
    <message>
        <location filename="../listen.py" line="106"/>
        <source>Đang tạo âm thanh để nghe thử…</source>
        <translation>Making the audio to listen to…</translation>
    </message>
    <message>
        <location filename="../listen.py" line="128"/>
        <source>Không nghe thử được</source>
        <translation>Cannot play it</translation>
    </message>
    <message>
        <location filename="../listen.py" line="131"/>
        <source>Nghe thử</source>
        <translation>Listen</translation>
    </message>
    <message>
        <location filename="../listen.py" line="132"/>
        <source>Nghe bài phát thanh như tệp âm thanh sẽ xuất ra</source>
        <translation>Hear the script as its exported audio file will sound</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../mainwindow.py" line="320"/>
        <source>Chọn một ấn phẩm ở bên trái, hoặc tạo mới từ thư viện mẫu.</source>
        <translation>Pick a piece on the left, or create one from the template gallery.</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="377"/>
        <source>Dựng trong %1 ms · %2 lỗi</source>
        <translation>Rendered in %1 ms · %2 errors</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="403"/>
        <source>Thêm ấn phẩm</source>
        <translation>Add piece</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="412"/>
        <source>(bản sao)</source>
        <translation>(copy)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="414"/>
        <source>Nhân bản ấn phẩm</source>
        <translation>Duplicate piece</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="444"/>
        <source>Một thông điệp, mọi kênh</source>
        <translation>One message, every channel</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="445"/>
        <source>Tạo ấn phẩm cho các kênh khác từ cùng nội dung: tiêu đề, thông điệp, lời kêu gọi… được điền sẵn, cùng đối tượng.</source>
        <translation>Create pieces for other channels from the same content: title, message, call to action… are prefilled, for the same segment.</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="447"/>
        <location filename="../mainwindow.py" line="465"/>
        <source>Tạo ấn phẩm</source>
        <translation>Create pieces</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="450"/>
        <source>Tạo cho các kênh khác</source>
        <translation>Create for other channels</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="462"/>
        <source>Cùng ấn phẩm cho đối tượng khác</source>
        <translation>Same piece for other segments</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="463"/>
        <source>Mỗi đối tượng được chọn có một bản riêng, với mức đóng, mức hỗ trợ và cách xưng hô của đối tượng đó.</source>
        <translation>Each chosen segment gets its own copy, with that segment&apos;s contribution, state support and form of address.</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="469"/>
        <source>Tạo cho đối tượng khác</source>
        <translation>Create for other segments</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="476"/>
        <source>Đã xóa ấn phẩm (Ctrl+Z để hoàn tác).</source>
        <translation>Piece deleted (Ctrl+Z to undo).</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="491"/>
        <source>Xuất ấn phẩm</source>
        <translation>Export pieces</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="492"/>
        <source>Chiến dịch chưa có ấn phẩm nào để xuất.</source>
        <translation>The campaign has no pieces to export yet.</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="518"/>
        <location filename="../mainwindow.py" line="522"/>
        <source>Nhập gói mẫu</source>
        <translation>Import template pack</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="518"/>
        <location filename="../mainwindow.py" line="564"/>
        <source>Gói mẫu (*.zip)</source>
        <translation>Template packs (*.zip)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="526"/>
        <source>Đã có mẫu: %1. Thay bằng mẫu trong gói?</source>
        <translation>Template %1 already exists. Replace it with the pack&apos;s?</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="527"/>
        <source>Thay thế</source>
        <translation>Replace</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="534"/>
        <source>Không nhập được gói mẫu</source>
        <translation>Could not import the template pack</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="537"/>
        <source>Đã nhập %1 mẫu: %2.</source>
        <translation>Imported %1 template(s): %2.</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="540"/>
        <source>Bỏ qua %1 tệp không dùng được trong gói.</source>
        <translation>Skipped %1 unusable file(s) in the pack.</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="551"/>
        <source>Xuất gói mẫu</source>
        <translation>Export template pack</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="557"/>
        <source>Chọn các mẫu để gửi cho đơn vị khác: họ nhập gói này bằng «Nhập gói mẫu…».</source>
        <translation>Choose the templates to send to another office: they import the pack with «Import template pack…».</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="558"/>
        <source>Xuất gói</source>
        <translation>Export pack</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="571"/>
        <source>Không xuất được gói mẫu</source>
        <translation>Could not export the template pack</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="573"/>
        <source>Đã xuất gói mẫu: %1</source>
        <translation>Template pack exported: %1</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="605"/>
        <source>Giới thiệu</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="606"/>
        <source>An Sinh Studio — ấn phẩm truyền thông BHXH, BHYT cho mọi kênh, chạy không cần mạng.
Phông chữ Be Vietnam Pro (SIL OFL).</source>
        <translation>An Sinh Studio — social and health insurance campaign media for every channel, fully offline.
Typeface Be Vietnam Pro (SIL OFL).</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="628"/>
        <source>Mở chiến dịch</source>
        <translation>Open campaign</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="629"/>
        <location filename="../mainwindow.py" line="679"/>
        <source>Chiến dịch An Sinh Studio</source>
        <translation>An Sinh Studio campaign</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="630"/>
        <source>Chiến dịch dạng TOML</source>
        <translation>Campaign in TOML</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="644"/>
        <location filename="../mainwindow.py" line="647"/>
        <source>Không mở được chiến dịch</source>
        <translation>Cannot open the campaign</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="664"/>
        <source>(chưa có)</source>
        <translation>(none yet)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="678"/>
        <source>Lưu chiến dịch</source>
        <translation>Save campaign</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="693"/>
        <location filename="../mainwindow.py" line="696"/>
        <source>Chưa lưu được</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="702"/>
        <source>Đã lưu %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="749"/>
        <source>Không tự lưu được: %1</source>
        <translation>Autosave failed: %1</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="753"/>
        <source>Đã tự lưu bản khôi phục lúc %1</source>
        <translation>Recovery copy autosaved at %1</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="777"/>
        <source>Không khôi phục được</source>
        <translation>Cannot recover</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="784"/>
        <source>Đã khôi phục các thay đổi chưa lưu.</source>
        <translation>Unsaved changes recovered.</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="792"/>
        <source>Chiến dịch mới</source>
        <translation>New campaign</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="796"/>
        <source>Chưa lưu thành tệp</source>
        <translation>Not saved to a file yet</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="820"/>
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="821"/>
        <source>&amp;Sửa</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="822"/>
        <source>&amp;Ấn phẩm</source>
        <translation>&amp;Pieces</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="823"/>
        <source>&amp;Xem</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="824"/>
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="825"/>
        <source>Mở gần đây</source>
        <translation>Open recent</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="827"/>
        <source>Mới</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="827"/>
        <source>Chiến dịch mới (Ctrl+N)</source>
        <translation>New campaign (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="828"/>
        <source>Mở…</source>
        <translation>Open…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="828"/>
        <source>Mở chiến dịch (Ctrl+O)</source>
        <translation>Open a campaign (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="829"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="829"/>
        <source>Lưu chiến dịch (Ctrl+S)</source>
        <translation>Save the campaign (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="830"/>
        <source>Lưu thành…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="831"/>
        <source>Xuất…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="831"/>
        <source>Xuất PDF, PNG và văn bản (Ctrl+E)</source>
        <translation>Export PDF, PNG and text (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="832"/>
        <source>Tạo hàng loạt từ bảng tính…</source>
        <translation>Batch from a spreadsheet…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="833"/>
        <source>Mỗi dòng của bảng tính CSV/Excel thành một ấn phẩm (Ctrl+B)</source>
        <translation>Each row of a CSV/Excel spreadsheet becomes one piece (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="834"/>
        <source>Nhập gói mẫu…</source>
        <translation>Import template pack…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="835"/>
        <source>Cài các mẫu do đơn vị khác gửi (tệp .zip)</source>
        <translation>Install templates another office sent you (a .zip file)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="836"/>
        <source>Xuất gói mẫu…</source>
        <translation>Export template pack…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="837"/>
        <source>Gửi mẫu cho đơn vị khác thành một tệp .zip</source>
        <translation>Send templates to another office as one .zip file</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="838"/>
        <source>Số liệu chính sách…</source>
        <translation>Policy figures…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="839"/>
        <source>Lương cơ sở, chuẩn nghèo, tỷ lệ đóng và hỗ trợ: xem, cập nhật, xác nhận</source>
        <translation>Base salary, poverty line, contribution rates and support: view, update, confirm</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="840"/>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="841"/>
        <source>Hoàn tác</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="841"/>
        <source>Hoàn tác (Ctrl+Z)</source>
        <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="842"/>
        <source>Làm lại</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="842"/>
        <source>Làm lại (Ctrl+Y)</source>
        <translation>Redo (Ctrl+Y)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="843"/>
        <source>Nội dung chung…</source>
        <translation>Shared content…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="844"/>
        <source>Đơn vị, đường dây nóng, thông điệp, logo, màu (Ctrl+K)</source>
        <translation>Issuing unit, hotline, message, logo, colours (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="845"/>
        <source>Cài đặt…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="845"/>
        <source>Ngôn ngữ, tự lưu, thư mục xuất</source>
        <translation>Language, autosave, export folder</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="846"/>
        <source>Thư viện mẫu</source>
        <translation>Template gallery</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="847"/>
        <source>Thêm ấn phẩm từ thư viện mẫu (Ctrl+T)</source>
        <translation>Add a piece from the template gallery (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="848"/>
        <source>Nhân bản</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="849"/>
        <source>Tạo cho các kênh khác…</source>
        <translation>Create for other channels…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="850"/>
        <source>Cùng ấn phẩm cho đối tượng khác…</source>
        <translation>Same piece for other segments…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="851"/>
        <source>Xóa ấn phẩm</source>
        <translation>Delete piece</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="852"/>
        <source>Phóng to</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="853"/>
        <source>Thu nhỏ</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="854"/>
        <source>Vừa khung nhìn</source>
        <translation>Fit to window</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="855"/>
        <source>Đường xén và lề xén</source>
        <translation>Trim and bleed guides</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="856"/>
        <source>Giới thiệu An Sinh Studio</source>
        <translation>About An Sinh Studio</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="861"/>
        <source>Hàng loạt</source>
        <translation>Batch</translation>
    </message>
</context>
<context>
    <name>PiecesPanel</name>
    <message>
        <location filename="../pieces.py" line="287"/>
        <source>Nhân bản</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../pieces.py" line="288"/>
        <source>Tạo cho các kênh khác…</source>
        <translation>Create for other channels…</translation>
    </message>
    <message>
        <location filename="../pieces.py" line="289"/>
        <source>Cùng ấn phẩm cho đối tượng khác…</source>
        <translation>Same piece for other segments…</translation>
    </message>
    <message>
        <location filename="../pieces.py" line="290"/>
        <source>Xóa</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../pieces.py" line="301"/>
        <source>Ấn phẩm của chiến dịch</source>
        <translation>Campaign pieces</translation>
    </message>
    <message>
        <location filename="../pieces.py" line="302"/>
        <source>Thêm ấn phẩm từ thư viện mẫu</source>
        <translation>Add a piece from the gallery</translation>
    </message>
    <message>
        <location filename="../pieces.py" line="303"/>
        <source>Nhân bản ấn phẩm</source>
        <translation>Duplicate piece</translation>
    </message>
    <message>
        <location filename="../pieces.py" line="305"/>
        <source>Một thông điệp, mọi kênh: tạo băng rôn, bài loa, tin nhắn… từ ấn phẩm này</source>
        <translation>One message, every channel: create a banner, loudspeaker script, SMS… from this piece</translation>
    </message>
    <message>
        <location filename="../pieces.py" line="306"/>
        <source>Cùng ấn phẩm cho đối tượng khác</source>
        <translation>Same piece for other segments</translation>
    </message>
    <message>
        <location filename="../pieces.py" line="307"/>
        <source>Xóa ấn phẩm</source>
        <translation>Delete piece</translation>
    </message>
</context>
<context>
    <name>PolicyDialog</name>
    <message>
        <location filename="../policy_dialog.py" line="341"/>
        <source>Số liệu chính sách</source>
        <translation>Policy figures</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="389"/>
        <source>Nhập gói…</source>
        <translation>Import pack…</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="391"/>
        <source>Nhận số liệu do đơn vị khác gửi (tệp .toml)</source>
        <translation>Take figures another office sent (a .toml file)</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="393"/>
        <source>Xuất gói…</source>
        <translation>Export pack…</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="396"/>
        <source>Gửi số liệu của đơn vị cho đơn vị khác thành một tệp .toml</source>
        <translation>Send the office&apos;s figures to another office as one .toml file</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="398"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="422"/>
        <source>Thêm mức mới…</source>
        <translation>Add a value…</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="425"/>
        <source>Thêm một mức có hiệu lực từ một ngày (Ctrl+N)</source>
        <translation>Add a value in force from a given date (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="427"/>
        <source>Xác nhận…</source>
        <translation>Confirm…</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="430"/>
        <source>Xác nhận mức dự kiến đang chọn khi văn bản đã ban hành</source>
        <translation>Confirm the selected proposal once its document is enacted</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="438"/>
        <source>Hiệu lực từ</source>
        <translation>In force from</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="438"/>
        <source>Giá trị</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="438"/>
        <source>Văn bản</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="438"/>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="439"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="439"/>
        <source>Người nhập</source>
        <translation>Entered by</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="472"/>
        <source>Mức</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="473"/>
        <source>Tỷ lệ đóng</source>
        <translation>Contribution rate</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="474"/>
        <source>Nhà nước hỗ trợ</source>
        <translation>State support</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="475"/>
        <source>Hỗ trợ tối đa</source>
        <translation>Support for at most</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="476"/>
        <source>Mức đóng theo người</source>
        <translation>Share per member</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="477"/>
        <source>Hộ nghèo</source>
        <translation>Poor households</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="478"/>
        <source>Hộ cận nghèo</source>
        <translation>Near-poor households</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="479"/>
        <source>Dân tộc thiểu số</source>
        <translation>Ethnic minorities</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="480"/>
        <source>Xã đảo, đặc khu</source>
        <translation>Island communes, special zones</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="481"/>
        <source>Đối tượng khác</source>
        <translation>Others</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="482"/>
        <source>Học sinh, sinh viên</source>
        <translation>Pupils and students</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="501"/>
        <source>%1 mức</source>
        <translation>%1 value(s)</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="503"/>
        <source>%1 dự kiến</source>
        <translation>%1 proposed</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="516"/>
        <source>Số liệu được rà soát lần cuối ngày %1. Hôm nay: %2.</source>
        <translation>The figures were last checked on %1. Today: %2.</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="517"/>
        <source>(chưa rõ)</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="538"/>
        <source>Mã: %1 · mới nhất ở trên · in đậm: mức đang áp dụng hôm nay</source>
        <translation>Key: %1 · newest first · bold: the value in force today</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="591"/>
        <source>%1 tháng</source>
        <translation>%1 months</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="601"/>
        <source>Đã xác nhận</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="601"/>
        <source>Dự kiến</source>
        <translation>Proposed</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="604"/>
        <source>Của đơn vị</source>
        <translation>The office&apos;s</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="604"/>
        <source>Kèm ứng dụng</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="626"/>
        <source>Chọn một dòng để xem đầy đủ nguồn; mức dự kiến được xác nhận bằng nút «Xác nhận…».</source>
        <translation>Select a row to see its full source; a proposal is confirmed with «Confirm…».</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="629"/>
        <source>%1 · %2 — Nguồn: %3</source>
        <translation>%1 · %2 — Source: %3</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="631"/>
        <source>(chưa ghi)</source>
        <translation>(none given)</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="659"/>
        <source>Đã lưu mức từ ngày %1 (%2).</source>
        <translation>Saved the value from %1 (%2).</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="670"/>
        <source>Đã xác nhận mức từ ngày %1 theo %2.</source>
        <translation>Confirmed the value from %1 under %2.</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="679"/>
        <source>Nhập gói số liệu</source>
        <translation>Import a policy pack</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="680"/>
        <location filename="../policy_dialog.py" line="710"/>
        <source>Gói số liệu (*.toml)</source>
        <translation>Policy packs (*.toml)</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="687"/>
        <source>Không nhập gói «%1»; số liệu giữ nguyên.</source>
        <translation>Pack «%1» not imported; the figures are unchanged.</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="691"/>
        <source>Đã nhập %1 mục số liệu từ «%2».</source>
        <translation>Imported %1 policy entries from «%2».</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="703"/>
        <source>Đơn vị chưa thêm hay xác nhận mức nào: gói chỉ chứa số liệu của đơn vị, số liệu kèm ứng dụng thì đơn vị nào cũng có.</source>
        <translation>The office has not added or confirmed any value yet: a pack holds only the office&apos;s own figures; every office has the shipped ones.</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="708"/>
        <source>Xuất gói số liệu</source>
        <translation>Export a policy pack</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="719"/>
        <source>Đã xuất số liệu của đơn vị vào %1</source>
        <translation>Exported the office&apos;s figures to %1</translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <location filename="../preview.py" line="440"/>
        <source>Chọn một ấn phẩm ở bên trái, hoặc tạo mới từ thư viện mẫu.</source>
        <translation>Pick a piece on the left, or create one from the template gallery.</translation>
    </message>
    <message>
        <location filename="../preview.py" line="466"/>
        <source>Đang cập nhật…</source>
        <translation>Updating…</translation>
    </message>
    <message>
        <location filename="../preview.py" line="503"/>
        <source>Bài đọc trên loa (số đã viết thành chữ)</source>
        <translation>Loudspeaker script (numbers written out)</translation>
    </message>
    <message>
        <location filename="../preview.py" line="504"/>
        <source>Thời lượng đọc khoảng %1 · %2 âm tiết</source>
        <translation>Reading time about %1 · %2 syllables</translation>
    </message>
    <message>
        <location filename="../preview.py" line="508"/>
        <source>Tin nhắn có dấu</source>
        <translation>SMS with diacritics</translation>
    </message>
    <message>
        <location filename="../preview.py" line="509"/>
        <source>Tin nhắn không dấu</source>
        <translation>SMS without diacritics</translation>
    </message>
    <message>
        <location filename="../preview.py" line="510"/>
        <source>%1 ký tự · %2 tin · mã %3</source>
        <translation>%1 characters · %2 messages · %3 encoding</translation>
    </message>
    <message>
        <location filename="../preview.py" line="515"/>
        <source>Chú thích đăng kèm</source>
        <translation>Caption</translation>
    </message>
    <message>
        <location filename="../preview.py" line="515"/>
        <source>%1/%2 ký tự</source>
        <translation>%1/%2 characters</translation>
    </message>
    <message>
        <location filename="../preview.py" line="527"/>
        <source>lề xén %1 mm</source>
        <translation>bleed %1 mm</translation>
    </message>
    <message>
        <location filename="../preview.py" line="531"/>
        <source>Bài phát thanh</source>
        <translation>Loudspeaker script</translation>
    </message>
    <message>
        <location filename="../preview.py" line="533"/>
        <source>Tin nhắn SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../preview.py" line="615"/>
        <source>Xem trước bản in</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location filename="../preview.py" line="616"/>
        <source>Kiểm tra</source>
        <translation>Checks</translation>
    </message>
    <message>
        <location filename="../preview.py" line="617"/>
        <source>Thu nhỏ (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../preview.py" line="618"/>
        <source>Phóng to (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <location filename="../preview.py" line="619"/>
        <source>Vừa khung nhìn</source>
        <translation>Fit to window</translation>
    </message>
    <message>
        <location filename="../preview.py" line="620"/>
        <source>Hiện đường xén, lề xén (bleed) và vùng an toàn</source>
        <translation>Show trim, bleed and safe-area guides</translation>
    </message>
    <message>
        <location filename="../preview.py" line="621"/>
        <source>Tỉ lệ so với kích thước thật</source>
        <translation>Scale relative to actual size</translation>
    </message>
</context>
<context>
    <name>RowsModel</name>
    <message>
        <location filename="../batch_dialog.py" line="299"/>
        <source>Kiểm tra</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="324"/>
        <source>Trong bảng tính: %1</source>
        <translation>In the sheet: %1</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="339"/>
        <source>Đã thay: %1</source>
        <translation>Replaced: %1</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="342"/>
        <source>%1: địa danh cũ</source>
        <translation>%1: old place name</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="350"/>
        <source>Tên mới dùng cho ấn phẩm và tên tệp của lần tạo này; bảng tính không bị sửa (Ctrl+Z: hoàn tác).</source>
        <translation>The new name is used for this run&apos;s piece and file names; the sheet itself is not changed (Ctrl+Z: undo).</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="352"/>
        <source>✓ Hợp lệ</source>
        <translation>✓ Valid</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="239"/>
        <source>Chọn thư mục xuất</source>
        <translation>Choose the export folder</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="269"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="270"/>
        <source>Giao diện</source>
        <translation>Interface</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="271"/>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="272"/>
        <source>Làm việc</source>
        <translation>Working</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="273"/>
        <source>Tự lưu bản khôi phục mỗi</source>
        <translation>Autosave a recovery copy every</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="274"/>
        <source> giây</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="275"/>
        <source>Cập nhật xem trước sau khi ngừng gõ</source>
        <translation>Update the preview after typing pauses for</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="277"/>
        <source>Dựng chính xác từng trang (chậm hơn)</source>
        <translation>Lay out every page exactly, one by one (slower)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="278"/>
        <source>Khi dựng hàng loạt, mỗi dòng được dàn trang riêng như khi dựng một mình, không dùng lớp chung giữa các dòng.</source>
        <translation>In a batch, every row is laid out on its own, as when rendered alone, without layers shared between rows.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="280"/>
        <source>Xuất bản</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="281"/>
        <source>Thư mục xuất mặc định</source>
        <translation>Default export folder</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="282"/>
        <source>Chọn…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="283"/>
        <source>Mẫu và danh sách đối tượng của riêng bạn đặt trong: %1</source>
        <translation>Your own templates and segment list go in: %1</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="285"/>
        <source>Lưu cài đặt</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="286"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="287"/>
        <source>Chung</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="288"/>
        <source>Văn bản và đọc</source>
        <translation>Text and reading</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="289"/>
        <source>Cách đặt dấu thanh</source>
        <translation>Tone-mark placement</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="290"/>
        <source>Văn bản gõ vào được dựng</source>
        <translation>Typed texts are rendered</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="291"/>
        <source>giữ nguyên như đã gõ</source>
        <translation>as typed</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="292"/>
        <source>kiểu mới: hòa, khỏe, thủy</source>
        <translation>new style: hòa, khỏe, thủy</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="293"/>
        <source>kiểu cũ: hoà, khoẻ, thuỷ</source>
        <translation>old style: hoà, khoẻ, thuỷ</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="295"/>
        <source>Chữ viết tắt trong bài phát thanh</source>
        <translation>Abbreviations in loudspeaker scripts</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="264"/>
        <source>Chọn giọng đọc Piper</source>
        <translation>Choose a Piper voice</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="266"/>
        <source>Giọng Piper (*.onnx)</source>
        <translation>Piper voices (*.onnx)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="338"/>
        <source>Âm thanh bài phát thanh</source>
        <translation>Loudspeaker audio</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="339"/>
        <source>Giọng đọc Piper</source>
        <translation>Piper voice</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="340"/>
        <source>Để trống: giọng eSpeak NG tiếng Việt</source>
        <translation>Empty: the eSpeak NG Vietnamese voice</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="342"/>
        <source>Chuông mở đầu và kết thúc</source>
        <translation>Chime at the start and the end</translation>
    </message>
</context>
<context>
    <name>_EntryForm</name>
    <message>
        <location filename="../policy_dialog.py" line="159"/>
        <source>Ví dụ: Nghị định 161/2026/NĐ-CP</source>
        <translation>E.g. Nghị định 161/2026/NĐ-CP</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="162"/>
        <source>Đường dẫn, công báo hoặc nơi đã đối chiếu</source>
        <translation>A link, the gazette, or where you checked it</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="169"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="174"/>
        <source>Văn bản quy định</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../policy_dialog.py" line="175"/>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
</context>
</TS>
