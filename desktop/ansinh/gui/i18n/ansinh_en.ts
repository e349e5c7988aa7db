<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>AbbreviationsPage</name>
    <message>
        <location filename="../settings_dialog.py" line="116"/>
        <source>Mọi chỗ</source>
        <translation>Anywhere</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="116"/>
        <source>Loại văn bản</source>
        <translation>Document type</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="116"/>
        <source>Cơ quan trong số hiệu</source>
        <translation>Issuer in a document number</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="139"/>
        <source>Viết tắt</source>
        <translation>Abbreviation</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="139"/>
        <source>Đọc là</source>
        <translation>Read as</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="139"/>
        <source>Dùng cho</source>
        <translation>Used for</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="144"/>
        <source>Thêm</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="145"/>
        <source>Xóa</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="146"/>
        <source>Chữ viết tắt đọc thành lời trong bài phát thanh. Mục có sẵn giữ tên, sửa cách đọc được; mục của đơn vị được lưu cùng mẫu và dữ liệu riêng (Chung › Nâng cao).</source>
        <translation>Abbreviations read out in loudspeaker scripts. Shipped entries keep their name and may be read differently; the office&apos;s entries are kept with your own templates and data (General › Advanced).</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="150"/>
        <source>Không đọc được tệp chữ viết tắt của đơn vị, nên chưa sửa được ở đây: %1</source>
        <translation>The office&apos;s abbreviations file cannot be read, so it cannot be edited here: %1</translation>
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
        <location filename="../batch_dialog.py" line="530"/>
        <source>Chọn bảng tính</source>
        <translation>Choose a spreadsheet</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="531"/>
        <source>Bảng tính (*.xlsx *.xlsm *.csv *.txt);;Mọi tệp (*)</source>
        <translation>Spreadsheets (*.xlsx *.xlsm *.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="541"/>
        <source>Đang đọc bảng tính…</source>
        <translation>Reading the spreadsheet…</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="575"/>
        <source>trang «%1», </source>
        <translation>sheet «%1», </translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="578"/>
        <source>%1 dòng dữ liệu · %2tiêu đề ở dòng %3 · %4</source>
        <translation>%1 data row(s) · %2header on row %3 · %4</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="583"/>
        <source>chữ mã cũ %1 đã được chuyển sang Unicode, hãy soát lại</source>
        <translation>legacy %1 text was converted to Unicode, please check it</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="672"/>
        <location filename="../batch_dialog.py" line="962"/>
        <source>— không dùng —</source>
        <translation>— not used —</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="695"/>
        <source>Chọn một bảng tính CSV hoặc Excel (.xlsx) để bắt đầu: mỗi dòng một thôn, một ấn phẩm.</source>
        <translation>Choose a CSV or Excel (.xlsx) spreadsheet to start: one row per village, one piece per row.</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="700"/>
        <source>Chưa ghép cột nào với trường của mẫu.</source>
        <translation>No column is mapped to a template field yet.</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="702"/>
        <source>Trường bắt buộc chưa có cột: %1.</source>
        <translation>Required fields without a column: %1.</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="704"/>
        <source>%1 cột được ghép với trường của mẫu (* là bắt buộc).</source>
        <translation>%1 column(s) mapped to template fields (* = required).</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="709"/>
        <source>Trường không có cột dùng nội dung mặc định của mẫu.</source>
        <translation>Fields without a column use the template&apos;s defaults.</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="725"/>
        <source>Đang kiểm tra các dòng…</source>
        <translation>Checking the rows…</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="754"/>
        <source>Chưa có bảng tính.</source>
        <translation>No spreadsheet yet.</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="758"/>
        <source>%1 dòng · %2 hợp lệ</source>
        <translation>%1 row(s) · %2 valid</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="761"/>
        <source>%1 dòng lỗi</source>
        <translation>%1 with problems</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="801"/>
        <source>Xem trước dòng %1</source>
        <translation>Preview of row %1</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="832"/>
        <source>Chạy tiếp</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="833"/>
        <source>Tạo %1 ấn phẩm</source>
        <translation>Make %1 piece(s)</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="836"/>
        <source>Tạo ấn phẩm</source>
        <translation>Make pieces</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="839"/>
        <source>Bảng còn dòng lỗi: sửa bảng tính (rồi chọn lại tệp) hoặc chọn bỏ qua dòng lỗi.</source>
        <translation>Some rows have problems: fix the spreadsheet (then choose the file again) or choose to skip bad rows.</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="428"/>
        <source>Chọn thư mục lưu</source>
        <translation>Choose the output folder</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="522"/>
        <source>Không có tệp «%1»: hãy kiểm tra đường dẫn hoặc bấm «Chọn tệp…».</source>
        <translation>No file «%1»: check the path or click «Choose file…».</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="706"/>
        <source>Trường không có cột lấy nội dung bạn đã sửa trong ấn phẩm cùng mẫu của chiến dịch.</source>
        <translation>Fields without a column take what you edited in the campaign&apos;s piece of this template.</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="724"/>
        <source>Đang thay địa danh…</source>
        <translation>Replacing place names…</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="766"/>
        <source>%1 địa danh cũ — %2 có tên mới</source>
        <translation>%1 old place name(s) — %2 with a new name</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="769"/>
        <source>%1 địa danh cũ</source>
        <translation>%1 old place name(s)</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="772"/>
        <source>đã thay %1 địa danh</source>
        <translation>%1 place name(s) replaced</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="779"/>
        <source>1. Ghép cột với trường của mẫu</source>
        <translation>1. Map columns to template fields</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="781"/>
        <source>2. Các dòng</source>
        <translation>2. Rows</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="783"/>
        <source>%1 dòng</source>
        <translation>%1 row(s)</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="785"/>
        <source>%1 lỗi</source>
        <translation>%1 bad</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="823"/>
        <source>Hoàn tác thay địa danh</source>
        <translation>Undo place changes</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="824"/>
        <source>Áp dụng mọi gợi ý địa danh</source>
        <translation>Apply all place suggestions</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="826"/>
        <source>Trả lại các địa danh như trong bảng tính (Ctrl+Z).</source>
        <translation>Put the place names back as the sheet has them (Ctrl+Z).</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="827"/>
        <source>Thay mỗi địa danh cũ có đúng một tên mới bằng tên đó, trong ấn phẩm và tên tệp của lần tạo này. Bảng tính không bị sửa.</source>
        <translation>Replace each old place name that has exactly one new name with it, in this run&apos;s pieces and file names. The sheet itself is not changed.</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="855"/>
        <source>Đang khởi động các tiến trình dựng hình…</source>
        <translation>Starting the render processes…</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="865"/>
        <source>Đang dừng…</source>
        <translation>Stopping…</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="879"/>
        <source>%1/%2 dòng · còn khoảng %3 · dòng %4</source>
        <translation>%1/%2 rows · about %3 left · row %4</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="893"/>
        <source>Chạy hàng loạt không thành công</source>
        <translation>The batch failed</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="896"/>
        <source>Đã dừng. Chỉ các tệp đã làm xong được giữ lại trong %1; bấm «Chạy tiếp» để làm các dòng còn lại.</source>
        <translation>Stopped. Only finished files were kept in %1; press «Continue» to make the remaining rows.</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="901"/>
        <source>Xong: %1 dòng, %2 tệp trong %3 → %4</source>
        <translation>Done: %1 row(s), %2 file(s) in %3 → %4</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="905"/>
        <source>Tệp in gộp cho nhà in: %1</source>
        <translation>Combined file for the print shop: %1</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="909"/>
        <source>%1 dòng không tạo được (xem cột Kiểm tra).</source>
        <translation>%1 row(s) could not be made (see the Check column).</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="947"/>
        <source>Tạo hàng loạt từ bảng tính</source>
        <translation>Batch from a spreadsheet</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="948"/>
        <source>Bảng tính và mẫu</source>
        <translation>Spreadsheet and template</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="949"/>
        <source>Bảng tính</source>
        <translation>Spreadsheet</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="950"/>
        <source>Tệp CSV hoặc Excel (.xlsx): mỗi dòng một ấn phẩm</source>
        <translation>A CSV or Excel (.xlsx) file: one piece per row</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="951"/>
        <source>Chọn tệp…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="952"/>
        <source>Trang</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="953"/>
        <source>Mẫu</source>
        <translation>Template</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="954"/>
        <source>Khổ</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="955"/>
        <source>Đối tượng</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="956"/>
        <source>Cho cả bảng</source>
        <translation>For all rows</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="957"/>
        <source>Theo cột</source>
        <translation>From column</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="966"/>
        <source>Số dòng như trong Excel</source>
        <translation>Rows are numbered as in Excel</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="958"/>
        <source>Cột trong bảng</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="959"/>
        <source>Ví dụ (dòng đầu)</source>
        <translation>Example (first row)</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="960"/>
        <source>Trường của mẫu</source>
        <translation>Template field</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="963"/>
        <source>Ghép tự động</source>
        <translation>Match automatically</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="964"/>
        <source>Ghép theo tên cột: không phân biệt hoa thường và dấu («Tên thôn» → Thôn, xã)</source>
        <translation>Match by column name, ignoring case and diacritics («Tên thôn» → Village / commune)</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="967"/>
        <source>Chỉ hiện dòng lỗi, cảnh báo</source>
        <translation>Only rows with errors or warnings</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="969"/>
        <source>Chọn một dòng để xem trước ấn phẩm của dòng đó.</source>
        <translation>Select a row to preview its piece.</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="971"/>
        <source>Lưu vào</source>
        <translation>Save to</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="972"/>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="973"/>
        <source>Một PDF gộp cho nhà in</source>
        <translation>One combined PDF for the print shop</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="974"/>
        <source>bỏ qua, làm các dòng hợp lệ</source>
        <translation>skip them, make the valid rows</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="975"/>
        <source>không chạy khi còn dòng lỗi</source>
        <translation>do not run while any row has problems</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="976"/>
        <source>Dòng lỗi:</source>
        <translation>Rows with problems:</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="987"/>
        <source>Mỗi dòng tạo một ấn phẩm với tên tệp theo dòng; kèm manifest ghi số dòng và đối tượng.</source>
        <translation>Each row makes one piece, its files named after the row; the manifest records each row&apos;s number and segment.</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <location filename="../campaign_dialog.py" line="95"/>
        <source>Nội dung chung của chiến dịch</source>
        <translation>Shared campaign content</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="102"/>
        <source>Những nội dung này in trên mọi ấn phẩm của chiến dịch: sửa một lần, mọi áp phích, băng rôn, bài loa và tin nhắn đều theo.</source>
        <translation>These appear on every piece of the campaign: change them once and every poster, banner, loudspeaker script and SMS follows.</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="115"/>
        <source>Thông điệp</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="125"/>
        <source>Tên chiến dịch</source>
        <translation>Campaign name</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="126"/>
        <source>Thông điệp chính</source>
        <translation>Key message</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="127"/>
        <source>Lời kêu gọi</source>
        <translation>Call to action</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="130"/>
        <source>Đơn vị và liên hệ</source>
        <translation>Issuer and contact</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="134"/>
        <source>Bảo hiểm xã hội tỉnh …</source>
        <translation>Social Security of … province</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="138"/>
        <source>Đơn vị phát hành</source>
        <translation>Issuing unit</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="139"/>
        <source>Đường dây nóng</source>
        <translation>Hotline</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="140"/>
        <source>Trang thông tin</source>
        <translation>Website</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="141"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="142"/>
        <source>Đơn vị có sẵn</source>
        <translation>Saved office</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="145"/>
        <source>Nhận diện</source>
        <translation>Identity</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="153"/>
        <source>Chọn logo…</source>
        <translation>Choose logo…</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="155"/>
        <source>Bỏ logo</source>
        <translation>Remove logo</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="170"/>
        <source>Phong cách</source>
        <translation>Style</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="173"/>
        <source>Màu chính</source>
        <translation>Primary colour</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="174"/>
        <source>Màu nhấn</source>
        <translation>Accent colour</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="176"/>
        <source>Màu đỏ – vàng của pano cổ động thay cho màu chính, màu nhấn của chiến dịch.</source>
        <translation>The red and gold of public-information panels replace the campaign&apos;s primary and accent colours.</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="179"/>
        <source>Màu</source>
        <translation>Colours</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="184"/>
        <source>Phông: %1 — đủ dấu tiếng Việt; chọn phông cho từng ấn phẩm ở mục «Giao diện».</source>
        <translation>Fonts: %1 — full Vietnamese coverage; choose each piece&apos;s font under «Look».</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="192"/>
        <source>Ngày và số liệu chính sách</source>
        <translation>Date and policy figures</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="199"/>
        <source>Ngày chiến dịch</source>
        <translation>Campaign date</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="203"/>
        <source>Dùng cả số liệu dự kiến, chưa có văn bản</source>
        <translation>Also use proposed figures not yet enacted</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="215"/>
        <source>Áp dụng cho mọi ấn phẩm</source>
        <translation>Apply to every piece</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="218"/>
        <location filename="../campaign_dialog.py" line="301"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="241"/>
        <source>Áp dụng</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="243"/>
        <source>Lưu đơn vị này…</source>
        <translation>Save this office…</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="245"/>
        <source>Lưu tên đơn vị, logo, màu, đường dây nóng, trang thông tin và địa chỉ đang nhập để dùng lại cho chiến dịch khác.</source>
        <translation>Save the office name, logo, colours, hotline, website and address entered here to reuse them in other campaigns.</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="248"/>
        <location filename="../campaign_dialog.py" line="320"/>
        <source>Xóa</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="266"/>
        <source>Không đọc được tệp đơn vị có sẵn</source>
        <translation>The saved offices file cannot be read</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="269"/>
        <source>Chưa lưu đơn vị nào</source>
        <translation>No office saved yet</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="297"/>
        <source>Lưu đơn vị có sẵn</source>
        <translation>Save office</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="298"/>
        <source>Tên để tìm lại đơn vị này (ví dụ: BHXH cơ sở Ea Kar):</source>
        <translation>A name to find this office again (e.g. Ea Kar district office):</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="300"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="318"/>
        <source>Xóa đơn vị có sẵn</source>
        <translation>Delete saved office</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="319"/>
        <source>Xóa đơn vị «%1» khỏi danh sách? Các chiến dịch đã dùng nó không thay đổi.</source>
        <translation>Delete the office «%1» from the list? Campaigns that used it do not change.</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="335"/>
        <source>Chọn logo</source>
        <translation>Choose a logo</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="336"/>
        <source>Ảnh</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="347"/>
        <source>Kéo thả logo vào đây</source>
        <translation>Drop the logo here</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="348"/>
        <source>Chưa có logo</source>
        <translation>No logo</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="368"/>
        <source>Lương cơ sở: %1</source>
        <translation>Base salary: %1</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="369"/>
        <source>BHXH tự nguyện: đóng %1 thu nhập; thấp nhất %2/tháng</source>
        <translation>Voluntary social insurance: %1 of income; at least %2/month</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="372"/>
        <source>BHYT hộ gia đình, người thứ nhất: %1/tháng</source>
        <translation>Household health insurance, first member: %1/month</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="375"/>
        <source>Căn cứ: %1</source>
        <translation>Sources: %1</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="419"/>
        <source>Chiến dịch cần có tên.</source>
        <translation>The campaign needs a name.</translation>
    </message>
    <message>
        <location filename="../campaign_dialog.py" line="406"/>
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
        <location filename="../model.py" line="121"/>
        <source>Sửa nội dung chung</source>
        <translation>Edit shared content</translation>
    </message>
    <message>
        <location filename="../model.py" line="128"/>
        <source>Thêm ấn phẩm</source>
        <translation>Add piece</translation>
    </message>
    <message>
        <location filename="../model.py" line="203"/>
        <source>Sửa «%1»</source>
        <translation>Edit «%1»</translation>
    </message>
    <message>
        <location filename="../model.py" line="291"/>
        <source>Xóa ấn phẩm</source>
        <translation>Delete piece</translation>
    </message>
    <message>
        <location filename="../model.py" line="309"/>
        <source>Đổi thứ tự ấn phẩm</source>
        <translation>Reorder pieces</translation>
    </message>
</context>
<context>
    <name>ChecksList</name>
    <message>
        <location filename="../preview.py" line="329"/>
        <source>Không có lỗi: sẵn sàng xuất.</source>
        <translation>No problems: ready to export.</translation>
    </message>
    <message>
        <location filename="../preview.py" line="339"/>
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
        <location filename="../dialogs.py" line="45"/>
        <source>Đã xảy ra lỗi không mong muốn. Công việc của bạn vẫn được giữ: bản tự lưu sẽ được đề nghị khôi phục nếu cần. Chi tiết đã ghi vào nhật ký:</source>
        <translation>Something unexpected went wrong. Your work is kept: the autosave will be offered for recovery if needed. Details were written to the log:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="70"/>
        <source>Không thực hiện được</source>
        <translation>Could not be done</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="73"/>
        <location filename="../dialogs.py" line="80"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="91"/>
        <source>Không mở được thư mục</source>
        <translation>Could not open the folder</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="91"/>
        <source>Máy này không mở được trình quản lý tệp. Đường dẫn đã được chép, hãy dán vào nơi cần mở:
%1</source>
        <translation>This computer could not open a file manager. The path is copied; paste it where you need it:
%1</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="98"/>
        <source>Chiến dịch «%1» có thay đổi chưa lưu. Lưu trước khi đóng?</source>
        <translation>The campaign «%1» has unsaved changes. Save before closing?</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="99"/>
        <source>Lưu thay đổi?</source>
        <translation>Save changes?</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="101"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="102"/>
        <source>Không lưu</source>
        <translation>Don&apos;t save</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="104"/>
        <location filename="../dialogs.py" line="147"/>
        <location filename="../dialogs.py" line="184"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="122"/>
        <source>(chưa lưu thành tệp)</source>
        <translation>(never saved to a file)</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="123"/>
        <source>Lần trước An Sinh Studio đã đóng đột ngột. Có bản tự lưu của chiến dịch «%1» lúc %2.
Tệp gốc: %3

Khôi phục các thay đổi chưa lưu?</source>
        <translation>An Sinh Studio closed unexpectedly last time. There is an autosave of the campaign «%1» from %2.
Original file: %3

Recover the unsaved changes?</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="126"/>
        <source>Khôi phục công việc</source>
        <translation>Recover work</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="128"/>
        <source>Khôi phục</source>
        <translation>Recover</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="129"/>
        <source>Bỏ bản tự lưu</source>
        <translation>Discard autosave</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="131"/>
        <source>Để sau</source>
        <translation>Later</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="179"/>
        <source>Chọn tất cả</source>
        <translation>Select all</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../export_dialog.py" line="344"/>
        <source>Sẽ xuất %1 bản (ấn phẩm × đối tượng).</source>
        <translation>%1 renders will be exported (pieces × segments).</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="258"/>
        <source>Chọn thư mục xuất</source>
        <translation>Choose the export folder</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="375"/>
        <source>Đang chuẩn bị…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="386"/>
        <source>Đang dừng sau ấn phẩm hiện tại…</source>
        <translation>Stopping after the current piece…</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="398"/>
        <source>%1/%2 · còn khoảng %3 giây · %4</source>
        <translation>%1/%2 · about %3 s left · %4</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="411"/>
        <source>Xuất không thành công</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="414"/>
        <source>Đã dừng. Không có tệp nào được giữ lại.</source>
        <translation>Stopped. No files were kept.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="417"/>
        <source>Xong: %1 tệp trong %2 giây → %3</source>
        <translation>Done: %1 file(s) in %2 s → %3</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="421"/>
        <source>%1 bản bị bỏ qua vì còn lỗi (xem manifest.json).</source>
        <translation>%1 renders were skipped because of errors (see manifest.json).</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="454"/>
        <source>Xuất ấn phẩm</source>
        <translation>Export pieces</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="455"/>
        <source>Ấn phẩm</source>
        <translation>Pieces</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="456"/>
        <source>Chọn hết</source>
        <translation>Select all</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="457"/>
        <source>Bỏ chọn</source>
        <translation>Select none</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="458"/>
        <source>Chỉ ấn phẩm đang mở</source>
        <translation>Only the open piece</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="459"/>
        <source>Đối tượng</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="460"/>
        <source>Giữ đối tượng của từng ấn phẩm</source>
        <translation>Keep each piece&apos;s own segment</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="461"/>
        <source>Xuất mỗi ấn phẩm cho các đối tượng:</source>
        <translation>Export each piece for these segments:</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="462"/>
        <source>Định dạng và in</source>
        <translation>Formats and print</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="463"/>
        <source>Độ phân giải:</source>
        <translation>Resolution:</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="464"/>
        <source>theo mẫu</source>
        <translation>template default</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="465"/>
        <source>Độ phân giải PNG cho khổ in; «theo mẫu» dùng mức của mẫu</source>
        <translation>PNG resolution for print sizes; «template default» uses the template&apos;s own</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="466"/>
        <source>Văn bản (chú thích, bài loa, tin nhắn)</source>
        <translation>Text (captions, loudspeaker scripts, SMS)</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="469"/>
        <source>Bài loa và tin nhắn SMS luôn xuất dạng văn bản; số, tiền và số điện thoại được viết thành chữ để đọc.</source>
        <translation>Loudspeaker scripts and SMS are always exported as text; numbers, money and phone numbers are written out for reading aloud.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="471"/>
        <source>Dấu cắt (crop marks)</source>
        <translation>Crop marks</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="472"/>
        <source>PDF/X-4 cho nhà in</source>
        <translation>PDF/X-4 for the print shop</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="474"/>
        <source>Lề xén (bleed) 3–5 mm theo khổ luôn có trong PDF; chữ nằm cách đường xén ít nhất 3 mm.</source>
        <translation>The PDF always carries the size&apos;s 3–5 mm bleed; text stays at least 3 mm inside the trim.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="476"/>
        <location filename="../export_dialog.py" line="483"/>
        <source>Nơi lưu</source>
        <translation>Destination</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="477"/>
        <source>Chọn…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="478"/>
        <source>Thư mục</source>
        <translation>Folder</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="479"/>
        <source>Tệp nén .zip</source>
        <translation>.zip archive</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="481"/>
        <source>Xuất</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="482"/>
        <source>Lịch sử xuất của chiến dịch</source>
        <translation>Export history of this campaign</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="483"/>
        <source>Thời gian</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="484"/>
        <source>Số tệp</source>
        <translation>Files</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="486"/>
        <source>Chọn ấn phẩm, đối tượng và định dạng rồi bấm Xuất.</source>
        <translation>Choose pieces, segments and formats, then press Export.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="467"/>
        <source>Âm thanh bài loa (WAV, MP3)</source>
        <translation>Loudspeaker audio (WAV, MP3)</translation>
    </message>
</context>
<context>
    <name>FieldForm</name>
    <message>
        <location filename="../form.py" line="217"/>
        <source>%1/%2 ký tự</source>
        <translation>%1/%2 characters</translation>
    </message>
    <message>
        <location filename="../form.py" line="221"/>
        <source>%1 ký tự</source>
        <translation>%1 characters</translation>
    </message>
    <message>
        <location filename="../form.py" line="224"/>
        <source>%1/%2 dòng</source>
        <translation>%1/%2 lines</translation>
    </message>
    <message>
        <location filename="../form.py" line="316"/>
        <source>Chọn ảnh</source>
        <translation>Choose an image</translation>
    </message>
    <message>
        <location filename="../form.py" line="317"/>
        <source>Ảnh</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../form.py" line="343"/>
        <source>Kéo thả ảnh vào đây</source>
        <translation>Drop an image here</translation>
    </message>
    <message>
        <location filename="../form.py" line="344"/>
        <source>Không thấy tệp ảnh</source>
        <translation>Image file not found</translation>
    </message>
    <message>
        <location filename="../form.py" line="346"/>
        <source>Chưa có ảnh</source>
        <translation>No image</translation>
    </message>
    <message>
        <location filename="../form.py" line="348"/>
        <source>Ảnh mặc định của mẫu</source>
        <translation>The template&apos;s default image</translation>
    </message>
    <message>
        <location filename="../form.py" line="354"/>
        <source>Chọn ảnh…</source>
        <translation>Choose image…</translation>
    </message>
    <message>
        <location filename="../form.py" line="355"/>
        <source>Mặc định</source>
        <translation>Default</translation>
    </message>
    <message>
        <location filename="../form.py" line="356"/>
        <source>Bỏ ảnh</source>
        <translation>No image</translation>
    </message>
    <message>
        <location filename="../form.py" line="357"/>
        <source>Kéo thả tệp PNG, JPEG, WebP hoặc SVG vào đây, hoặc bấm để chọn</source>
        <translation>Drop a PNG, JPEG, WebP or SVG file here, or click to choose one</translation>
    </message>
    <message>
        <location filename="../form.py" line="388"/>
        <source>Chọn màu</source>
        <translation>Choose a colour</translation>
    </message>
    <message>
        <location filename="../form.py" line="509"/>
        <source>Mã QR in trên ấn phẩm</source>
        <translation>QR code printed on the piece</translation>
    </message>
    <message>
        <location filename="../form.py" line="592"/>
        <source>Để trống để dùng nội dung chung của chiến dịch.</source>
        <translation>Leave empty to use the campaign&apos;s shared content.</translation>
    </message>
    <message>
        <location filename="../form.py" line="708"/>
        <source>Không có mẫu «%1» trên máy này.</source>
        <translation>Template «%1» is not installed on this computer.</translation>
    </message>
    <message>
        <location filename="../form.py" line="802"/>
        <source>Chung: %1</source>
        <translation>Shared: %1</translation>
    </message>
    <message>
        <location filename="../form.py" line="825"/>
        <source>Tên ấn phẩm</source>
        <translation>Piece name</translation>
    </message>
    <message>
        <location filename="../form.py" line="826"/>
        <source>Tên để nhận ra ấn phẩm trong danh sách (không in ra)</source>
        <translation>A name to recognise the piece in the list (not printed)</translation>
    </message>
    <message>
        <location filename="../form.py" line="828"/>
        <source>Khổ</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../form.py" line="829"/>
        <source>Đối tượng</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../form.py" line="830"/>
        <source>Chưa chọn ấn phẩm nào.</source>
        <translation>No piece selected.</translation>
    </message>
    <message>
        <location filename="../form.py" line="831"/>
        <source>Đường dây nóng, đơn vị phát hành, logo, màu và ngày chiến dịch dùng chung cho mọi ấn phẩm: sửa ở &lt;a href=&apos;campaign&apos;&gt;Nội dung chung&lt;/a&gt;.</source>
        <translation>Hotline, issuing unit, logo, colours and campaign date are shared by every piece: edit them in &lt;a href=&apos;campaign&apos;&gt;Shared content&lt;/a&gt;.</translation>
    </message>
</context>
<context>
    <name>GalleryPage</name>
    <message>
        <location filename="../gallery.py" line="431"/>
        <source>Tạo ấn phẩm cho «%1»</source>
        <translation>New piece for «%1»</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="481"/>
        <source>Không có mẫu nào khớp bộ lọc.</source>
        <translation>No template matches the filters.</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="493"/>
        <source>Khổ: %1</source>
        <translation>Sizes: %1</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="495"/>
        <source>%1 trường nội dung</source>
        <translation>%1 content fields</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="496"/>
        <source>văn bản</source>
        <translation>text</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="498"/>
        <source>Xuất: %1</source>
        <translation>Exports: %1</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="501"/>
        <source>Mẫu của bạn</source>
        <translation>Your own template</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="512"/>
        <source>Thư viện mẫu</source>
        <translation>Template gallery</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="514"/>
        <source>Chọn một mẫu để tạo ấn phẩm mới. Hình thu nhỏ được dựng từ chính mẫu, với nội dung chung của chiến dịch và mức đóng của đối tượng đã chọn.</source>
        <translation>Pick a template to create a new piece. Thumbnails are rendered from the templates themselves, with the campaign&apos;s shared content and the chosen segment&apos;s contribution figures.</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="516"/>
        <source>Quay lại biên tập</source>
        <translation>Back to editing</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="517"/>
        <source>Tìm mẫu: áp phích, loa, SMS…</source>
        <translation>Search templates: poster, loudspeaker, SMS…</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="524"/>
        <source>Đối tượng</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../gallery.py" line="528"/>
        <source>Mọi loại ấn phẩm</source>
        <translation>All kinds</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <location filename="../guide.py" line="24"/>
        <source>Hướng dẫn sử dụng An Sinh Studio</source>
        <translation>An Sinh Studio guide</translation>
    </message>
</context>
<context>
    <name>JobDialog</name>
    <message>
        <location filename="../jobdialog.py" line="103"/>
        <source>Mở thư mục</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../jobdialog.py" line="104"/>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../jobdialog.py" line="105"/>
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
    <name>LookBox</name>
    <message>
        <location filename="../look_box.py" line="66"/>
        <location filename="../look_box.py" line="72"/>
        <source>Theo chiến dịch</source>
        <translation>From the campaign</translation>
    </message>
    <message>
        <location filename="../look_box.py" line="78"/>
        <source>Màu khác…</source>
        <translation>Other colour…</translation>
    </message>
    <message>
        <location filename="../look_box.py" line="82"/>
        <source>Chọn màu</source>
        <translation>Choose a colour</translation>
    </message>
    <message>
        <location filename="../look_box.py" line="152"/>
        <source>Đổi giao diện ấn phẩm</source>
        <translation>Change the piece&apos;s look</translation>
    </message>
    <message>
        <location filename="../look_box.py" line="160"/>
        <source>Bố cục gốc của mẫu</source>
        <translation>The template&apos;s own layout</translation>
    </message>
    <message>
        <location filename="../look_box.py" line="172"/>
        <source>Giao diện</source>
        <translation>Look</translation>
    </message>
    <message>
        <location filename="../look_box.py" line="173"/>
        <source>Bố cục</source>
        <translation>Layout</translation>
    </message>
    <message>
        <location filename="../look_box.py" line="173"/>
        <source>Phông chữ</source>
        <translation>Font</translation>
    </message>
    <message>
        <location filename="../look_box.py" line="174"/>
        <source>Màu chính</source>
        <translation>Main colour</translation>
    </message>
    <message>
        <location filename="../look_box.py" line="174"/>
        <source>Màu nhấn</source>
        <translation>Accent colour</translation>
    </message>
    <message>
        <location filename="../look_box.py" line="179"/>
        <source>Màu chính của ấn phẩm này; «Theo chiến dịch» dùng màu chung.</source>
        <translation>This piece&apos;s main colour; «From the campaign» uses the shared one.</translation>
    </message>
    <message>
        <location filename="../look_box.py" line="181"/>
        <source>Màu nhấn của ấn phẩm này; «Theo chiến dịch» dùng màu chung.</source>
        <translation>This piece&apos;s accent colour; «From the campaign» uses the shared one.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../mainwindow.py" line="329"/>
        <source>Chọn một ấn phẩm ở bên trái, hoặc tạo mới từ thư viện mẫu.</source>
        <translation>Pick a piece on the left, or create one from the template gallery.</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="387"/>
        <source>Dựng trong %1 ms · %2 lỗi</source>
        <translation>Rendered in %1 ms · %2 errors</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="407"/>
        <source>Đặt lại chỗ «%1»</source>
        <translation>Place «%1»</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="428"/>
        <source>Thêm ấn phẩm</source>
        <translation>Add piece</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="437"/>
        <source>(bản sao)</source>
        <translation>(copy)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="439"/>
        <source>Nhân bản ấn phẩm</source>
        <translation>Duplicate piece</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="469"/>
        <source>Một thông điệp, mọi kênh</source>
        <translation>One message, every channel</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="470"/>
        <source>Tạo ấn phẩm cho các kênh khác từ cùng nội dung: tiêu đề, thông điệp, lời kêu gọi… được điền sẵn, cùng đối tượng.</source>
        <translation>Create pieces for other channels from the same content: title, message, call to action… are prefilled, for the same segment.</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="472"/>
        <location filename="../mainwindow.py" line="490"/>
        <source>Tạo ấn phẩm</source>
        <translation>Create pieces</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="475"/>
        <source>Tạo cho các kênh khác</source>
        <translation>Create for other channels</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="487"/>
        <source>Cùng ấn phẩm cho đối tượng khác</source>
        <translation>Same piece for other segments</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="488"/>
        <source>Mỗi đối tượng được chọn có một bản riêng, với mức đóng, mức hỗ trợ và cách xưng hô của đối tượng đó.</source>
        <translation>Each chosen segment gets its own copy, with that segment&apos;s contribution, state support and form of address.</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="494"/>
        <source>Tạo cho đối tượng khác</source>
        <translation>Create for other segments</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="501"/>
        <source>Đã xóa ấn phẩm (Ctrl+Z để hoàn tác).</source>
        <translation>Piece deleted (Ctrl+Z to undo).</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="516"/>
        <source>Xuất ấn phẩm</source>
        <translation>Export pieces</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="517"/>
        <source>Chiến dịch chưa có ấn phẩm nào để xuất.</source>
        <translation>The campaign has no pieces to export yet.</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="543"/>
        <location filename="../mainwindow.py" line="547"/>
        <source>Nhập gói mẫu</source>
        <translation>Import template pack</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="543"/>
        <location filename="../mainwindow.py" line="589"/>
        <source>Gói mẫu (*.zip)</source>
        <translation>Template packs (*.zip)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="551"/>
        <source>Đã có mẫu: %1. Thay bằng mẫu trong gói?</source>
        <translation>Template %1 already exists. Replace it with the pack&apos;s?</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="552"/>
        <source>Thay thế</source>
        <translation>Replace</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="559"/>
        <source>Không nhập được gói mẫu</source>
        <translation>Could not import the template pack</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="562"/>
        <source>Đã nhập %1 mẫu: %2.</source>
        <translation>Imported %1 template(s): %2.</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="565"/>
        <source>Bỏ qua %1 tệp không dùng được trong gói.</source>
        <translation>Skipped %1 unusable file(s) in the pack.</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="576"/>
        <source>Xuất gói mẫu</source>
        <translation>Export template pack</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="582"/>
        <source>Chọn các mẫu để gửi cho đơn vị khác: họ nhập gói này bằng «Nhập gói mẫu…».</source>
        <translation>Choose the templates to send to another office: they import the pack with «Import template pack…».</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="583"/>
        <source>Xuất gói</source>
        <translation>Export pack</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="596"/>
        <source>Không xuất được gói mẫu</source>
        <translation>Could not export the template pack</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="598"/>
        <source>Đã xuất gói mẫu: %1</source>
        <translation>Template pack exported: %1</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="640"/>
        <source>Giới thiệu</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="641"/>
        <source>An Sinh Studio, phiên bản %1 — ấn phẩm truyền thông BHXH, BHYT cho mọi kênh, chạy không cần mạng.
Phông chữ kèm theo: %2.</source>
        <translation>An Sinh Studio, version %1 — social and health insurance communication for every channel, working offline.
Fonts included: %2.</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="664"/>
        <source>Mở chiến dịch</source>
        <translation>Open campaign</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="665"/>
        <location filename="../mainwindow.py" line="715"/>
        <source>Chiến dịch An Sinh Studio</source>
        <translation>An Sinh Studio campaign</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="666"/>
        <source>Chiến dịch dạng TOML</source>
        <translation>Campaign in TOML</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="680"/>
        <location filename="../mainwindow.py" line="683"/>
        <source>Không mở được chiến dịch</source>
        <translation>Cannot open the campaign</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="700"/>
        <source>(chưa có)</source>
        <translation>(none yet)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="714"/>
        <source>Lưu chiến dịch</source>
        <translation>Save campaign</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="729"/>
        <location filename="../mainwindow.py" line="732"/>
        <source>Chưa lưu được</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="738"/>
        <source>Đã lưu %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="785"/>
        <source>Không tự lưu được: %1</source>
        <translation>Autosave failed: %1</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="789"/>
        <source>Đã tự lưu bản khôi phục lúc %1</source>
        <translation>Recovery copy autosaved at %1</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="826"/>
        <source>Không khôi phục được</source>
        <translation>Cannot recover</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="833"/>
        <source>Đã khôi phục các thay đổi chưa lưu.</source>
        <translation>Unsaved changes recovered.</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="841"/>
        <source>Chiến dịch mới</source>
        <translation>New campaign</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="845"/>
        <source>Chưa lưu thành tệp</source>
        <translation>Not saved to a file yet</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="869"/>
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="870"/>
        <source>&amp;Sửa</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="871"/>
        <source>&amp;Ấn phẩm</source>
        <translation>&amp;Pieces</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="872"/>
        <source>&amp;Xem</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="873"/>
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="874"/>
        <source>Mở gần đây</source>
        <translation>Open recent</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="876"/>
        <source>Mới</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="876"/>
        <source>Chiến dịch mới (Ctrl+N)</source>
        <translation>New campaign (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="877"/>
        <source>Mở…</source>
        <translation>Open…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="877"/>
        <source>Mở chiến dịch (Ctrl+O)</source>
        <translation>Open a campaign (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="878"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="878"/>
        <source>Lưu chiến dịch (Ctrl+S)</source>
        <translation>Save the campaign (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="879"/>
        <source>Lưu thành…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="880"/>
        <source>Xuất…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="880"/>
        <source>Xuất PDF, PNG và văn bản (Ctrl+E)</source>
        <translation>Export PDF, PNG and text (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="881"/>
        <source>Tạo hàng loạt từ bảng tính…</source>
        <translation>Batch from a spreadsheet…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="882"/>
        <source>Mỗi dòng của bảng tính CSV/Excel thành một ấn phẩm (Ctrl+B)</source>
        <translation>Each row of a CSV/Excel spreadsheet becomes one piece (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="883"/>
        <source>Nhập gói mẫu…</source>
        <translation>Import template pack…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="884"/>
        <source>Cài các mẫu do đơn vị khác gửi (tệp .zip)</source>
        <translation>Install templates another office sent you (a .zip file)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="885"/>
        <source>Xuất gói mẫu…</source>
        <translation>Export template pack…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="886"/>
        <source>Gửi mẫu cho đơn vị khác thành một tệp .zip</source>
        <translation>Send templates to another office as one .zip file</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="887"/>
        <source>Số liệu chính sách…</source>
        <translation>Policy figures…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="888"/>
        <source>Lương cơ sở, chuẩn nghèo, tỷ lệ đóng và hỗ trợ: xem, cập nhật, xác nhận</source>
        <translation>Base salary, poverty line, contribution rates and support: view, update, confirm</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="889"/>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="890"/>
        <source>Hoàn tác</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="890"/>
        <source>Hoàn tác (Ctrl+Z)</source>
        <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="891"/>
        <source>Làm lại</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="891"/>
        <source>Làm lại (Ctrl+Y)</source>
        <translation>Redo (Ctrl+Y)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="892"/>
        <source>Nội dung chung…</source>
        <translation>Shared content…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="893"/>
        <source>Đơn vị, đường dây nóng, thông điệp, logo, màu (Ctrl+K)</source>
        <translation>Issuing unit, hotline, message, logo, colours (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="894"/>
        <source>Cài đặt…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="894"/>
        <source>Ngôn ngữ, tự lưu, thư mục xuất</source>
        <translation>Language, autosave, export folder</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="895"/>
        <source>Thư viện mẫu</source>
        <translation>Template gallery</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="896"/>
        <source>Thêm ấn phẩm từ thư viện mẫu (Ctrl+T)</source>
        <translation>Add a piece from the template gallery (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="897"/>
        <source>Nhân bản</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="898"/>
        <source>Tạo cho các kênh khác…</source>
        <translation>Create for other channels…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="899"/>
        <source>Cùng ấn phẩm cho đối tượng khác…</source>
        <translation>Same piece for other segments…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="900"/>
        <source>Xóa ấn phẩm</source>
        <translation>Delete piece</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="901"/>
        <source>Phóng to</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="902"/>
        <source>Thu nhỏ</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="903"/>
        <source>Vừa khung nhìn</source>
        <translation>Fit to window</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="904"/>
        <source>Đường xén và lề xén</source>
        <translation>Trim and bleed guides</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="905"/>
        <source>Giới thiệu An Sinh Studio</source>
        <translation>About An Sinh Studio</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="906"/>
        <source>Hướng dẫn</source>
        <translation>Guide</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="906"/>
        <source>Các việc chính, từng bước (F1)</source>
        <translation>The main tasks, step by step (F1)</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="911"/>
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
        <location filename="../preview.py" line="439"/>
        <source>Chọn một ấn phẩm ở bên trái, hoặc tạo mới từ thư viện mẫu.</source>
        <translation>Pick a piece on the left, or create one from the template gallery.</translation>
    </message>
    <message>
        <location filename="../preview.py" line="465"/>
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
        <location filename="../preview.py" line="533"/>
        <source>Bài phát thanh</source>
        <translation>Loudspeaker script</translation>
    </message>
    <message>
        <location filename="../preview.py" line="534"/>
        <source>đọc khoảng %1</source>
        <translation>about %1 to read</translation>
    </message>
    <message>
        <location filename="../preview.py" line="539"/>
        <source>Tin nhắn SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../preview.py" line="540"/>
        <source>%1 tin</source>
        <translation>%1 message(s)</translation>
    </message>
    <message>
        <location filename="../preview.py" line="556"/>
        <source>Xem trước văn bản</source>
        <translation>Text preview</translation>
    </message>
    <message>
        <location filename="../preview.py" line="557"/>
        <source>Xem trước bản in</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location filename="../preview.py" line="637"/>
        <source>Kiểm tra</source>
        <translation>Checks</translation>
    </message>
    <message>
        <location filename="../preview.py" line="638"/>
        <source>Thu nhỏ (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../preview.py" line="639"/>
        <source>Phóng to (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <location filename="../preview.py" line="640"/>
        <source>Vừa khung nhìn</source>
        <translation>Fit to window</translation>
    </message>
    <message>
        <location filename="../preview.py" line="641"/>
        <source>Hiện đường xén, lề xén (bleed) và vùng an toàn</source>
        <translation>Show trim, bleed and safe-area guides</translation>
    </message>
    <message>
        <location filename="../preview.py" line="642"/>
        <source>Tỉ lệ so với kích thước thật</source>
        <translation>Scale relative to actual size</translation>
    </message>
</context>
<context>
    <name>RowsModel</name>
    <message>
        <location filename="../batch_dialog.py" line="157"/>
        <source>Kiểm tra</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="182"/>
        <source>Trong bảng tính: %1</source>
        <translation>In the sheet: %1</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="197"/>
        <source>Đã thay: %1</source>
        <translation>Replaced: %1</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="200"/>
        <source>%1: địa danh cũ</source>
        <translation>%1: old place name</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="208"/>
        <source>Tên mới dùng cho ấn phẩm và tên tệp của lần tạo này; bảng tính không bị sửa (Ctrl+Z: hoàn tác).</source>
        <translation>The new name is used for this run&apos;s piece and file names; the sheet itself is not changed (Ctrl+Z: undo).</translation>
    </message>
    <message>
        <location filename="../batch_dialog.py" line="210"/>
        <source>✓ Hợp lệ</source>
        <translation>✓ Valid</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="267"/>
        <source>Chọn thư mục xuất</source>
        <translation>Choose the export folder</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="322"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="323"/>
        <source>Giao diện</source>
        <translation>Interface</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="324"/>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="325"/>
        <source>Làm việc</source>
        <translation>Working</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="326"/>
        <source>Tự lưu bản khôi phục mỗi</source>
        <translation>Autosave a recovery copy every</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="327"/>
        <source> giây</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="334"/>
        <source>Dựng chính xác từng trang (chậm hơn)</source>
        <translation>Lay out every page exactly, one by one (slower)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="335"/>
        <source>Khi dựng hàng loạt, mỗi dòng được dàn trang riêng như khi dựng một mình, không dùng lớp chung giữa các dòng.</source>
        <translation>In a batch, every row is laid out on its own, as when rendered alone, without layers shared between rows.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="337"/>
        <source>Xuất bản</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="338"/>
        <source>Thư mục xuất mặc định</source>
        <translation>Default export folder</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="339"/>
        <location filename="../settings_dialog.py" line="355"/>
        <source>Chọn…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="328"/>
        <source>Bản xem trước cập nhật</source>
        <translation>The preview updates</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="329"/>
        <source>ngay khi gõ (máy mạnh)</source>
        <translation>as you type (fast computer)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="330"/>
        <source>bình thường</source>
        <translation>normally</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="331"/>
        <source>khi gõ xong (máy chậm)</source>
        <translation>when you stop typing (slow computer)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="333"/>
        <source>Nâng cao</source>
        <translation>Advanced</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="340"/>
        <source>Mở thư mục mẫu và dữ liệu riêng</source>
        <translation>Open the folder of your own templates and data</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="341"/>
        <source>Nơi đặt mẫu và danh sách đối tượng của riêng bạn</source>
        <translation>Where your own templates and audience lists go</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="342"/>
        <source>Lưu cài đặt</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="343"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="344"/>
        <source>Chung</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="345"/>
        <source>Văn bản và đọc</source>
        <translation>Text and reading</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="346"/>
        <source>Cách đặt dấu thanh</source>
        <translation>Tone-mark placement</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="347"/>
        <source>Văn bản gõ vào được dựng</source>
        <translation>Typed texts are rendered</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="348"/>
        <source>giữ nguyên như đã gõ</source>
        <translation>as typed</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="349"/>
        <source>kiểu mới: hòa, khỏe, thủy</source>
        <translation>new style: hòa, khỏe, thủy</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="350"/>
        <source>kiểu cũ: hoà, khoẻ, thuỷ</source>
        <translation>old style: hoà, khoẻ, thuỷ</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="357"/>
        <source>Chữ viết tắt trong bài phát thanh</source>
        <translation>Abbreviations in loudspeaker scripts</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="274"/>
        <source>Chọn giọng đọc Piper</source>
        <translation>Choose a Piper voice</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="276"/>
        <source>Giọng Piper (*.onnx)</source>
        <translation>Piper voices (*.onnx)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="352"/>
        <source>Âm thanh bài phát thanh</source>
        <translation>Loudspeaker audio</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="353"/>
        <source>Giọng đọc Piper</source>
        <translation>Piper voice</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="354"/>
        <source>Để trống: giọng eSpeak NG tiếng Việt</source>
        <translation>Empty: the eSpeak NG Vietnamese voice</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="356"/>
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
