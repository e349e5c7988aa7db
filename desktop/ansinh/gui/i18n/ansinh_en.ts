<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
    <context>
        <name>CampaignDialog</name>
        <message>
            <location filename="../campaign_dialog.py" line="83" />
            <source>Nội dung chung của chiến dịch</source>
            <translation>Shared campaign content</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="90" />
            <source>Những nội dung này in trên mọi ấn phẩm của chiến dịch: sửa một lần, mọi áp phích, băng rôn, bài loa và tin nhắn đều theo.</source>
            <translation>These appear on every piece of the campaign: change them once and every poster, banner, loudspeaker script and SMS follows.</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="103" />
            <source>Thông điệp</source>
            <translation>Message</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="113" />
            <source>Tên chiến dịch</source>
            <translation>Campaign name</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="114" />
            <source>Thông điệp chính</source>
            <translation>Key message</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="115" />
            <source>Lời kêu gọi</source>
            <translation>Call to action</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="118" />
            <source>Đơn vị và liên hệ</source>
            <translation>Issuer and contact</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="122" />
            <source>Bảo hiểm xã hội tỉnh …</source>
            <translation>Social Security of … province</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="126" />
            <source>Đơn vị phát hành</source>
            <translation>Issuing unit</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="127" />
            <source>Đường dây nóng</source>
            <translation>Hotline</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="128" />
            <source>Trang thông tin</source>
            <translation>Website</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="129" />
            <source>Địa chỉ</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="132" />
            <source>Nhận diện</source>
            <translation>Identity</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="141" />
            <source>Chọn logo…</source>
            <translation>Choose logo…</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="143" />
            <source>Bỏ logo</source>
            <translation>Remove logo</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="155" />
            <source>Màu chính</source>
            <translation>Primary colour</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="156" />
            <source>Màu nhấn</source>
            <translation>Accent colour</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="157" />
            <source>Phông chữ: Be Vietnam Pro (đủ dấu tiếng Việt)</source>
            <translation>Typeface: Be Vietnam Pro (full Vietnamese coverage)</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="159" />
            <source>Phông</source>
            <translation>Font</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="163" />
            <source>Ngày và số liệu chính sách</source>
            <translation>Date and policy figures</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="170" />
            <source>Ngày chiến dịch</source>
            <translation>Campaign date</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="174" />
            <source>Dùng cả số liệu dự kiến, chưa có văn bản</source>
            <translation>Also use proposed figures not yet enacted</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="186" />
            <source>Áp dụng cho mọi ấn phẩm</source>
            <translation>Apply to every piece</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="189" />
            <source>Huỷ</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="210" />
            <source>Chọn logo</source>
            <translation>Choose a logo</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="211" />
            <source>Ảnh</source>
            <translation>Images</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="222" />
            <source>Kéo thả logo vào đây</source>
            <translation>Drop the logo here</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="223" />
            <source>Chưa có logo</source>
            <translation>No logo</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="232" />
            <source>Lương cơ sở: %1</source>
            <translation>Base salary: %1</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="233" />
            <source>BHXH tự nguyện: đóng %1 thu nhập; thấp nhất %2/tháng</source>
            <translation>Voluntary social insurance: %1 of income; at least %2/month</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="236" />
            <source>BHYT hộ gia đình, người thứ nhất: %1/tháng</source>
            <translation>Household health insurance, first member: %1/month</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="239" />
            <source>Căn cứ: %1</source>
            <translation>Sources: %1</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="270" />
            <source>Chiến dịch cần có tên.</source>
            <translation>The campaign needs a name.</translation>
        </message>
        <message>
            <location filename="../campaign_dialog.py" line="273" />
            <source>Màu phải viết dạng #RRGGBB, ví dụ #0B5CAD.</source>
            <translation>Colours must be written as #RRGGBB, e.g. #0B5CAD.</translation>
        </message>
    </context>
    <context>
        <name>CampaignModel</name>
        <message>
            <location filename="../model.py" line="41" />
            <source>Chiến dịch mới</source>
            <translation>New campaign</translation>
        </message>
        <message>
            <location filename="../model.py" line="96" />
            <source>Đổi thông tin ấn phẩm</source>
            <translation>Change piece details</translation>
        </message>
        <message>
            <location filename="../model.py" line="104" />
            <source>Sửa nội dung chung</source>
            <translation>Edit shared content</translation>
        </message>
        <message>
            <location filename="../model.py" line="111" />
            <source>Thêm ấn phẩm</source>
            <translation>Add piece</translation>
        </message>
        <message>
            <location filename="../model.py" line="186" />
            <source>Sửa «%1»</source>
            <translation>Edit «%1»</translation>
        </message>
        <message>
            <location filename="../model.py" line="270" />
            <source>Xoá ấn phẩm</source>
            <translation>Delete piece</translation>
        </message>
        <message>
            <location filename="../model.py" line="288" />
            <source>Đổi thứ tự ấn phẩm</source>
            <translation>Reorder pieces</translation>
        </message>
    </context>
    <context>
        <name>ChecksList</name>
        <message>
            <location filename="../preview.py" line="292" />
            <source>Không có lỗi: sẵn sàng xuất.</source>
            <translation>No problems: ready to export.</translation>
        </message>
        <message>
            <location filename="../preview.py" line="302" />
            <source>Bấm để tới ô cần sửa</source>
            <translation>Click to go to the field to fix</translation>
        </message>
    </context>
    <context>
        <name>Dialogs</name>
        <message>
            <location filename="../dialogs.py" line="42" />
            <source>Đã xảy ra lỗi không mong muốn. Công việc của bạn vẫn được giữ: bản tự lưu sẽ được đề nghị khôi phục nếu cần. Chi tiết đã ghi vào nhật ký:</source>
            <translation>Something unexpected went wrong. Your work is kept: the autosave will be offered for recovery if needed. Details were written to the log:</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="67" />
            <source>Không thực hiện được</source>
            <translation>Could not be done</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="70" />
            <location filename="../dialogs.py" line="77" />
            <source>Đóng</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="83" />
            <source>Chiến dịch «%1» có thay đổi chưa lưu. Lưu trước khi đóng?</source>
            <translation>The campaign «%1» has unsaved changes. Save before closing?</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="84" />
            <source>Lưu thay đổi?</source>
            <translation>Save changes?</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="86" />
            <source>Lưu</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="87" />
            <source>Không lưu</source>
            <translation>Don't save</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="89" />
            <location filename="../dialogs.py" line="120" />
            <location filename="../dialogs.py" line="155" />
            <source>Huỷ</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="101" />
            <source>(chưa lưu thành tệp)</source>
            <translation>(never saved to a file)</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="102" />
            <source>Lần trước An Sinh Studio đã đóng đột ngột. Có bản tự lưu của chiến dịch «%1» lúc %2.
Tệp gốc: %3

Khôi phục các thay đổi chưa lưu?</source>
            <translation>An Sinh Studio closed unexpectedly last time. There is an autosave of the campaign «%1» from %2.
Original file: %3

Recover the unsaved changes?</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="105" />
            <source>Khôi phục công việc</source>
            <translation>Recover work</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="107" />
            <source>Khôi phục</source>
            <translation>Recover</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="108" />
            <source>Bỏ bản tự lưu</source>
            <translation>Discard autosave</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="110" />
            <source>Để sau</source>
            <translation>Later</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="150" />
            <source>Chọn tất cả</source>
            <translation>Select all</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <location filename="../export_dialog.py" line="370" />
            <source>Sẽ xuất %1 bản (ấn phẩm × đối tượng).</source>
            <translation>%1 renders will be exported (pieces × segments).</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="376" />
            <source>Chọn thư mục xuất</source>
            <translation>Choose the export folder</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="408" />
            <source>Đang chuẩn bị…</source>
            <translation>Preparing…</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="422" />
            <source>Đang dừng sau ấn phẩm hiện tại…</source>
            <translation>Stopping after the current piece…</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="433" />
            <source>%1/%2 · còn khoảng %3 giây · %4</source>
            <translation>%1/%2 · about %3 s left · %4</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="450" />
            <source>Xuất không thành công</source>
            <translation>Export failed</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="453" />
            <source>Đã dừng. Không có tệp nào được giữ lại.</source>
            <translation>Stopped. No files were kept.</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="456" />
            <source>Xong: %1 tệp trong %2 giây → %3</source>
            <translation>Done: %1 files in %2 s → %3</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="460" />
            <source>%1 bản bị bỏ qua vì còn lỗi (xem manifest.json).</source>
            <translation>%1 renders were skipped because of errors (see manifest.json).</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="508" />
            <source>Xuất ấn phẩm</source>
            <translation>Export pieces</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="509" />
            <source>Ấn phẩm</source>
            <translation>Pieces</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="510" />
            <source>Chọn hết</source>
            <translation>Select all</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="511" />
            <source>Bỏ chọn</source>
            <translation>Select none</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="512" />
            <source>Chỉ ấn phẩm đang mở</source>
            <translation>Only the open piece</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="513" />
            <source>Đối tượng</source>
            <translation>Segment</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="514" />
            <source>Giữ đối tượng của từng ấn phẩm</source>
            <translation>Keep each piece's own segment</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="515" />
            <source>Xuất mỗi ấn phẩm cho các đối tượng:</source>
            <translation>Export each piece for these segments:</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="516" />
            <source>Định dạng</source>
            <translation>Formats</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="517" />
            <source>theo mẫu</source>
            <translation>template default</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="518" />
            <source>Độ phân giải PNG cho khổ in; «theo mẫu» dùng mức của mẫu</source>
            <translation>PNG resolution for print sizes; «template default» uses the template's own</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="519" />
            <source>Văn bản (chú thích, bài loa, tin nhắn)</source>
            <translation>Text (captions, loudspeaker scripts, SMS)</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="521" />
            <source>Bài loa và tin nhắn SMS luôn xuất dạng văn bản; số, tiền và số điện thoại được viết thành chữ để đọc.</source>
            <translation>Loudspeaker scripts and SMS are always exported as text; numbers, money and phone numbers are written out for reading aloud.</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="523" />
            <source>Tuỳ chọn in</source>
            <translation>Print options</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="524" />
            <source>Dấu cắt (crop marks)</source>
            <translation>Crop marks</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="525" />
            <source>PDF/X-4 cho nhà in</source>
            <translation>PDF/X-4 for the print shop</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="527" />
            <source>Lề xén (bleed) 3–5 mm theo khổ luôn có trong PDF; chữ nằm cách đường xén ít nhất 3 mm.</source>
            <translation>The PDF always carries the size's 3–5 mm bleed; text stays at least 3 mm inside the trim.</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="529" />
            <location filename="../export_dialog.py" line="538" />
            <source>Nơi lưu</source>
            <translation>Destination</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="530" />
            <source>Chọn…</source>
            <translation>Browse…</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="531" />
            <source>Thư mục</source>
            <translation>Folder</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="532" />
            <source>Tệp nén .zip</source>
            <translation>.zip archive</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="533" />
            <source>Mở thư mục</source>
            <translation>Open folder</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="534" />
            <source>Xuất</source>
            <translation>Export</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="535" />
            <source>Dừng</source>
            <translation>Stop</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="536" />
            <source>Đóng</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="537" />
            <source>Lịch sử xuất của chiến dịch</source>
            <translation>Export history of this campaign</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="538" />
            <source>Thời gian</source>
            <translation>When</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="539" />
            <source>Số tệp</source>
            <translation>Files</translation>
        </message>
        <message>
            <location filename="../export_dialog.py" line="541" />
            <source>Chọn ấn phẩm, đối tượng và định dạng rồi bấm Xuất.</source>
            <translation>Choose pieces, segments and formats, then press Export.</translation>
        </message>
    </context>
    <context>
        <name>FieldForm</name>
        <message>
            <location filename="../form.py" line="239" />
            <source>%1/%2 ký tự</source>
            <translation>%1/%2 characters</translation>
        </message>
        <message>
            <location filename="../form.py" line="243" />
            <source>%1 ký tự</source>
            <translation>%1 characters</translation>
        </message>
        <message>
            <location filename="../form.py" line="246" />
            <source>%1/%2 dòng</source>
            <translation>%1/%2 lines</translation>
        </message>
        <message>
            <location filename="../form.py" line="338" />
            <source>Chọn ảnh</source>
            <translation>Choose an image</translation>
        </message>
        <message>
            <location filename="../form.py" line="339" />
            <source>Ảnh</source>
            <translation>Images</translation>
        </message>
        <message>
            <location filename="../form.py" line="358" />
            <source>Kéo thả ảnh vào đây</source>
            <translation>Drop an image here</translation>
        </message>
        <message>
            <location filename="../form.py" line="359" />
            <source>Không thấy tệp ảnh</source>
            <translation>Image file not found</translation>
        </message>
        <message>
            <location filename="../form.py" line="361" />
            <source>Chưa có ảnh</source>
            <translation>No image</translation>
        </message>
        <message>
            <location filename="../form.py" line="363" />
            <source>Ảnh mặc định của mẫu</source>
            <translation>The template's default image</translation>
        </message>
        <message>
            <location filename="../form.py" line="369" />
            <source>Chọn ảnh…</source>
            <translation>Choose image…</translation>
        </message>
        <message>
            <location filename="../form.py" line="370" />
            <source>Mặc định</source>
            <translation>Default</translation>
        </message>
        <message>
            <location filename="../form.py" line="371" />
            <source>Bỏ ảnh</source>
            <translation>No image</translation>
        </message>
        <message>
            <location filename="../form.py" line="372" />
            <source>Kéo thả tệp PNG, JPEG, WebP hoặc SVG vào đây, hoặc bấm để chọn</source>
            <translation>Drop a PNG, JPEG, WebP or SVG file here, or click to choose one</translation>
        </message>
        <message>
            <location filename="../form.py" line="403" />
            <source>Chọn màu</source>
            <translation>Choose a colour</translation>
        </message>
        <message>
            <location filename="../form.py" line="524" />
            <source>Mã QR in trên ấn phẩm</source>
            <translation>QR code printed on the piece</translation>
        </message>
        <message>
            <location filename="../form.py" line="607" />
            <source>Để trống để dùng nội dung chung của chiến dịch.</source>
            <translation>Leave empty to use the campaign's shared content.</translation>
        </message>
        <message>
            <location filename="../form.py" line="720" />
            <source>Không có mẫu «%1» trên máy này.</source>
            <translation>Template «%1» is not installed on this computer.</translation>
        </message>
        <message>
            <location filename="../form.py" line="796" />
            <source>Chung: %1</source>
            <translation>Shared: %1</translation>
        </message>
        <message>
            <location filename="../form.py" line="819" />
            <source>Tên ấn phẩm</source>
            <translation>Piece name</translation>
        </message>
        <message>
            <location filename="../form.py" line="820" />
            <source>Tên để nhận ra ấn phẩm trong danh sách (không in ra)</source>
            <translation>A name to recognise the piece in the list (not printed)</translation>
        </message>
        <message>
            <location filename="../form.py" line="822" />
            <source>Khổ</source>
            <translation>Size</translation>
        </message>
        <message>
            <location filename="../form.py" line="823" />
            <source>Đối tượng</source>
            <translation>Segment</translation>
        </message>
        <message>
            <location filename="../form.py" line="824" />
            <source>Chưa chọn ấn phẩm nào.</source>
            <translation>No piece selected.</translation>
        </message>
        <message>
            <location filename="../form.py" line="825" />
            <source>Đường dây nóng, đơn vị phát hành, logo, màu và ngày chiến dịch dùng chung cho mọi ấn phẩm: sửa ở &lt;a href='campaign'&gt;Nội dung chung&lt;/a&gt;.</source>
            <translation>Hotline, issuing unit, logo, colours and campaign date are shared by every piece: edit them in &lt;a href='campaign'&gt;Shared content&lt;/a&gt;.</translation>
        </message>
    </context>
    <context>
        <name>GalleryPage</name>
        <message>
            <location filename="../gallery.py" line="403" />
            <source>Không có mẫu nào khớp bộ lọc.</source>
            <translation>No template matches the filters.</translation>
        </message>
        <message>
            <location filename="../gallery.py" line="415" />
            <source>Khổ: %1</source>
            <translation>Sizes: %1</translation>
        </message>
        <message>
            <location filename="../gallery.py" line="417" />
            <source>%1 trường nội dung</source>
            <translation>%1 content fields</translation>
        </message>
        <message>
            <location filename="../gallery.py" line="418" />
            <source>văn bản</source>
            <translation>text</translation>
        </message>
        <message>
            <location filename="../gallery.py" line="419" />
            <source>Xuất: %1</source>
            <translation>Exports: %1</translation>
        </message>
        <message>
            <location filename="../gallery.py" line="422" />
            <source>Mẫu của bạn</source>
            <translation>Your own template</translation>
        </message>
        <message>
            <location filename="../gallery.py" line="433" />
            <source>Thư viện mẫu</source>
            <translation>Template gallery</translation>
        </message>
        <message>
            <location filename="../gallery.py" line="435" />
            <source>Chọn một mẫu để tạo ấn phẩm mới. Hình thu nhỏ được dựng từ chính mẫu, với nội dung chung của chiến dịch và mức đóng của đối tượng đã chọn.</source>
            <translation>Pick a template to create a new piece. Thumbnails are rendered from the templates themselves, with the campaign's shared content and the chosen segment's contribution figures.</translation>
        </message>
        <message>
            <location filename="../gallery.py" line="437" />
            <source>Quay lại biên tập</source>
            <translation>Back to editing</translation>
        </message>
        <message>
            <location filename="../gallery.py" line="438" />
            <source>Tìm mẫu: áp phích, loa, SMS…</source>
            <translation>Search templates: poster, loudspeaker, SMS…</translation>
        </message>
        <message>
            <location filename="../gallery.py" line="439" />
            <source>Đối tượng</source>
            <translation>Segment</translation>
        </message>
        <message>
            <location filename="../gallery.py" line="440" />
            <source>Tạo ấn phẩm từ mẫu này</source>
            <translation>New piece from this template</translation>
        </message>
        <message>
            <location filename="../gallery.py" line="443" />
            <source>Mọi loại ấn phẩm</source>
            <translation>All kinds</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../mainwindow.py" line="330" />
            <source>Chọn một ấn phẩm ở bên trái, hoặc tạo mới từ thư viện mẫu.</source>
            <translation>Pick a piece on the left, or create one from the template gallery.</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="387" />
            <source>Dựng trong %1 ms · %2 lỗi</source>
            <translation>Rendered in %1 ms · %2 errors</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="413" />
            <source>Thêm ấn phẩm</source>
            <translation>Add piece</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="422" />
            <source>(bản sao)</source>
            <translation>(copy)</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="424" />
            <source>Nhân bản ấn phẩm</source>
            <translation>Duplicate piece</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="452" />
            <source>Một thông điệp, mọi kênh</source>
            <translation>One message, every channel</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="453" />
            <source>Tạo ấn phẩm cho các kênh khác từ cùng nội dung: tiêu đề, thông điệp, lời kêu gọi… được điền sẵn, cùng đối tượng.</source>
            <translation>Create pieces for other channels from the same content: title, message, call to action… are prefilled, for the same segment.</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="455" />
            <location filename="../mainwindow.py" line="473" />
            <source>Tạo ấn phẩm</source>
            <translation>Create pieces</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="458" />
            <source>Tạo cho các kênh khác</source>
            <translation>Create for other channels</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="470" />
            <source>Cùng ấn phẩm cho đối tượng khác</source>
            <translation>Same piece for other segments</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="471" />
            <source>Mỗi đối tượng được chọn có một bản riêng, với mức đóng, mức hỗ trợ và cách xưng hô của đối tượng đó.</source>
            <translation>Each chosen segment gets its own copy, with that segment's contribution, state support and form of address.</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="477" />
            <source>Tạo cho đối tượng khác</source>
            <translation>Create for other segments</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="484" />
            <source>Đã xoá ấn phẩm (Ctrl+Z để hoàn tác).</source>
            <translation>Piece deleted (Ctrl+Z to undo).</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="499" />
            <source>Xuất ấn phẩm</source>
            <translation>Export pieces</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="500" />
            <source>Chiến dịch chưa có ấn phẩm nào để xuất.</source>
            <translation>The campaign has no pieces to export yet.</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="508" />
            <source>Chạy hàng loạt</source>
            <translation>Batch run</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="509" />
            <source>Sắp có: tạo hàng loạt ấn phẩm từ bảng tính CSV/XLSX (mỗi dòng một thôn, một đối tượng…), với bảng ghép cột và xem trước từng dòng.</source>
            <translation>Coming soon: create pieces in bulk from a CSV/XLSX sheet (one row per village, per segment…), with a column mapping table and a preview of every row.</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="519" />
            <source>Giới thiệu</source>
            <translation>About</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="520" />
            <source>An Sinh Studio — ấn phẩm truyền thông BHXH, BHYT cho mọi kênh, chạy không cần mạng.
Phông chữ Be Vietnam Pro (SIL OFL).</source>
            <translation>An Sinh Studio — social and health insurance campaign media for every channel, fully offline.
Typeface Be Vietnam Pro (SIL OFL).</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="542" />
            <source>Mở chiến dịch</source>
            <translation>Open campaign</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="543" />
            <location filename="../mainwindow.py" line="593" />
            <source>Chiến dịch An Sinh Studio</source>
            <translation>An Sinh Studio campaign</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="544" />
            <source>Chiến dịch dạng TOML</source>
            <translation>Campaign in TOML</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="558" />
            <location filename="../mainwindow.py" line="561" />
            <source>Không mở được chiến dịch</source>
            <translation>Cannot open the campaign</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="578" />
            <source>(chưa có)</source>
            <translation>(none yet)</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="592" />
            <source>Lưu chiến dịch</source>
            <translation>Save campaign</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="607" />
            <location filename="../mainwindow.py" line="610" />
            <source>Chưa lưu được</source>
            <translation>Not saved</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="616" />
            <source>Đã lưu %1</source>
            <translation>Saved %1</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="633" />
            <source>Không tự lưu được: %1</source>
            <translation>Autosave failed: %1</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="637" />
            <source>Đã tự lưu bản khôi phục lúc %1</source>
            <translation>Recovery copy autosaved at %1</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="660" />
            <source>Không khôi phục được</source>
            <translation>Cannot recover</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="667" />
            <source>Đã khôi phục các thay đổi chưa lưu.</source>
            <translation>Unsaved changes recovered.</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="675" />
            <source>Chiến dịch mới</source>
            <translation>New campaign</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="679" />
            <source>Chưa lưu thành tệp</source>
            <translation>Not saved to a file yet</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="703" />
            <source>&amp;Tệp</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="704" />
            <source>&amp;Sửa</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="705" />
            <source>&amp;Ấn phẩm</source>
            <translation>&amp;Pieces</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="706" />
            <source>&amp;Xem</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="707" />
            <source>Trợ &amp;giúp</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="708" />
            <source>Mở gần đây</source>
            <translation>Open recent</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="710" />
            <source>Mới</source>
            <translation>New</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="710" />
            <source>Chiến dịch mới (Ctrl+N)</source>
            <translation>New campaign (Ctrl+N)</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="711" />
            <source>Mở…</source>
            <translation>Open…</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="711" />
            <source>Mở chiến dịch (Ctrl+O)</source>
            <translation>Open a campaign (Ctrl+O)</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="712" />
            <source>Lưu</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="712" />
            <source>Lưu chiến dịch (Ctrl+S)</source>
            <translation>Save the campaign (Ctrl+S)</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="713" />
            <source>Lưu thành…</source>
            <translation>Save as…</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="714" />
            <source>Xuất…</source>
            <translation>Export…</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="714" />
            <source>Xuất PDF, PNG và văn bản (Ctrl+E)</source>
            <translation>Export PDF, PNG and text (Ctrl+E)</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="715" />
            <source>Chạy hàng loạt… (sắp có)</source>
            <translation>Batch run… (coming soon)</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="716" />
            <source>Tạo hàng loạt từ bảng tính</source>
            <translation>Create pieces in bulk from a spreadsheet</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="717" />
            <source>Thoát</source>
            <translation>Quit</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="718" />
            <source>Hoàn tác</source>
            <translation>Undo</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="718" />
            <source>Hoàn tác (Ctrl+Z)</source>
            <translation>Undo (Ctrl+Z)</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="719" />
            <source>Làm lại</source>
            <translation>Redo</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="719" />
            <source>Làm lại (Ctrl+Y)</source>
            <translation>Redo (Ctrl+Y)</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="720" />
            <source>Nội dung chung…</source>
            <translation>Shared content…</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="721" />
            <source>Đơn vị, đường dây nóng, thông điệp, logo, màu (Ctrl+K)</source>
            <translation>Issuing unit, hotline, message, logo, colours (Ctrl+K)</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="722" />
            <source>Cài đặt…</source>
            <translation>Settings…</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="722" />
            <source>Ngôn ngữ, tự lưu, thư mục xuất</source>
            <translation>Language, autosave, export folder</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="723" />
            <source>Thư viện mẫu</source>
            <translation>Template gallery</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="724" />
            <source>Thêm ấn phẩm từ thư viện mẫu (Ctrl+T)</source>
            <translation>Add a piece from the template gallery (Ctrl+T)</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="725" />
            <source>Nhân bản</source>
            <translation>Duplicate</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="726" />
            <source>Tạo cho các kênh khác…</source>
            <translation>Create for other channels…</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="727" />
            <source>Cùng ấn phẩm cho đối tượng khác…</source>
            <translation>Same piece for other segments…</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="728" />
            <source>Xoá ấn phẩm</source>
            <translation>Delete piece</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="729" />
            <source>Phóng to</source>
            <translation>Zoom in</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="730" />
            <source>Thu nhỏ</source>
            <translation>Zoom out</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="731" />
            <source>Vừa khung nhìn</source>
            <translation>Fit to window</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="732" />
            <source>Đường xén và lề xén</source>
            <translation>Trim and bleed guides</translation>
        </message>
        <message>
            <location filename="../mainwindow.py" line="733" />
            <source>Giới thiệu An Sinh Studio</source>
            <translation>About An Sinh Studio</translation>
        </message>
    </context>
    <context>
        <name>PiecesPanel</name>
        <message>
            <location filename="../pieces.py" line="287" />
            <source>Nhân bản</source>
            <translation>Duplicate</translation>
        </message>
        <message>
            <location filename="../pieces.py" line="288" />
            <source>Tạo cho các kênh khác…</source>
            <translation>Create for other channels…</translation>
        </message>
        <message>
            <location filename="../pieces.py" line="289" />
            <source>Cùng ấn phẩm cho đối tượng khác…</source>
            <translation>Same piece for other segments…</translation>
        </message>
        <message>
            <location filename="../pieces.py" line="290" />
            <source>Xoá</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../pieces.py" line="301" />
            <source>Ấn phẩm của chiến dịch</source>
            <translation>Campaign pieces</translation>
        </message>
        <message>
            <location filename="../pieces.py" line="302" />
            <source>Thêm ấn phẩm từ thư viện mẫu</source>
            <translation>Add a piece from the gallery</translation>
        </message>
        <message>
            <location filename="../pieces.py" line="303" />
            <source>Nhân bản ấn phẩm</source>
            <translation>Duplicate piece</translation>
        </message>
        <message>
            <location filename="../pieces.py" line="305" />
            <source>Một thông điệp, mọi kênh: tạo băng rôn, bài loa, tin nhắn… từ ấn phẩm này</source>
            <translation>One message, every channel: create a banner, loudspeaker script, SMS… from this piece</translation>
        </message>
        <message>
            <location filename="../pieces.py" line="306" />
            <source>Cùng ấn phẩm cho đối tượng khác</source>
            <translation>Same piece for other segments</translation>
        </message>
        <message>
            <location filename="../pieces.py" line="307" />
            <source>Xoá ấn phẩm</source>
            <translation>Delete piece</translation>
        </message>
    </context>
    <context>
        <name>PreviewPanel</name>
        <message>
            <location filename="../preview.py" line="398" />
            <source>Chọn một ấn phẩm ở bên trái, hoặc tạo mới từ thư viện mẫu.</source>
            <translation>Pick a piece on the left, or create one from the template gallery.</translation>
        </message>
        <message>
            <location filename="../preview.py" line="424" />
            <source>Đang cập nhật…</source>
            <translation>Updating…</translation>
        </message>
        <message>
            <location filename="../preview.py" line="461" />
            <source>Bài đọc trên loa (số đã viết thành chữ)</source>
            <translation>Loudspeaker script (numbers written out)</translation>
        </message>
        <message>
            <location filename="../preview.py" line="462" />
            <source>Thời lượng đọc khoảng %1 · %2 âm tiết</source>
            <translation>Reading time about %1 · %2 syllables</translation>
        </message>
        <message>
            <location filename="../preview.py" line="466" />
            <source>Tin nhắn có dấu</source>
            <translation>SMS with diacritics</translation>
        </message>
        <message>
            <location filename="../preview.py" line="467" />
            <source>Tin nhắn không dấu</source>
            <translation>SMS without diacritics</translation>
        </message>
        <message>
            <location filename="../preview.py" line="468" />
            <source>%1 ký tự · %2 tin · mã %3</source>
            <translation>%1 characters · %2 messages · %3 encoding</translation>
        </message>
        <message>
            <location filename="../preview.py" line="473" />
            <source>Chú thích đăng kèm</source>
            <translation>Caption</translation>
        </message>
        <message>
            <location filename="../preview.py" line="473" />
            <source>%1/%2 ký tự</source>
            <translation>%1/%2 characters</translation>
        </message>
        <message>
            <location filename="../preview.py" line="485" />
            <source>lề xén %1 mm</source>
            <translation>bleed %1 mm</translation>
        </message>
        <message>
            <location filename="../preview.py" line="488" />
            <source>Bài phát thanh</source>
            <translation>Loudspeaker script</translation>
        </message>
        <message>
            <location filename="../preview.py" line="490" />
            <source>Tin nhắn SMS</source>
            <translation>SMS</translation>
        </message>
        <message>
            <location filename="../preview.py" line="570" />
            <source>Xem trước bản in</source>
            <translation>Print preview</translation>
        </message>
        <message>
            <location filename="../preview.py" line="571" />
            <source>Kiểm tra</source>
            <translation>Checks</translation>
        </message>
        <message>
            <location filename="../preview.py" line="572" />
            <source>Thu nhỏ (Ctrl+-)</source>
            <translation>Zoom out (Ctrl+-)</translation>
        </message>
        <message>
            <location filename="../preview.py" line="573" />
            <source>Phóng to (Ctrl++)</source>
            <translation>Zoom in (Ctrl++)</translation>
        </message>
        <message>
            <location filename="../preview.py" line="574" />
            <source>Vừa khung nhìn</source>
            <translation>Fit to window</translation>
        </message>
        <message>
            <location filename="../preview.py" line="575" />
            <source>Hiện đường xén, lề xén (bleed) và vùng an toàn</source>
            <translation>Show trim, bleed and safe-area guides</translation>
        </message>
        <message>
            <location filename="../preview.py" line="576" />
            <source>Tỉ lệ so với kích thước thật</source>
            <translation>Scale relative to actual size</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../settings_dialog.py" line="89" />
            <source>Chọn thư mục xuất</source>
            <translation>Choose the export folder</translation>
        </message>
        <message>
            <location filename="../settings_dialog.py" line="111" />
            <source>Cài đặt</source>
            <translation>Settings</translation>
        </message>
        <message>
            <location filename="../settings_dialog.py" line="112" />
            <source>Giao diện</source>
            <translation>Interface</translation>
        </message>
        <message>
            <location filename="../settings_dialog.py" line="113" />
            <source>Ngôn ngữ</source>
            <translation>Language</translation>
        </message>
        <message>
            <location filename="../settings_dialog.py" line="114" />
            <source>Làm việc</source>
            <translation>Working</translation>
        </message>
        <message>
            <location filename="../settings_dialog.py" line="115" />
            <source>Tự lưu bản khôi phục mỗi</source>
            <translation>Autosave a recovery copy every</translation>
        </message>
        <message>
            <location filename="../settings_dialog.py" line="116" />
            <source> giây</source>
            <translation> s</translation>
        </message>
        <message>
            <location filename="../settings_dialog.py" line="117" />
            <source>Cập nhật xem trước sau khi ngừng gõ</source>
            <translation>Update the preview after typing pauses for</translation>
        </message>
        <message>
            <location filename="../settings_dialog.py" line="119" />
            <source>Xuất bản</source>
            <translation>Export</translation>
        </message>
        <message>
            <location filename="../settings_dialog.py" line="120" />
            <source>Thư mục xuất mặc định</source>
            <translation>Default export folder</translation>
        </message>
        <message>
            <location filename="../settings_dialog.py" line="121" />
            <source>Chọn…</source>
            <translation>Browse…</translation>
        </message>
        <message>
            <location filename="../settings_dialog.py" line="122" />
            <source>Mẫu và danh sách đối tượng của riêng bạn đặt trong: %1</source>
            <translation>Your own templates and segment list go in: %1</translation>
        </message>
        <message>
            <location filename="../settings_dialog.py" line="124" />
            <source>Lưu cài đặt</source>
            <translation>Save settings</translation>
        </message>
        <message>
            <location filename="../settings_dialog.py" line="125" />
            <source>Huỷ</source>
            <translation>Cancel</translation>
        </message>
    </context>
</TS>
