/** Everything the quiz card shows in Vietnamese (see quiz-card.strings.ts): loaded only on pages in Vietnamese. */
import type { QuizLanguagePack } from './quiz-card.strings.js';

export const pack: QuizLanguagePack = {
  strings: {
    invalidDocument: 'Nội dung câu đố phải là một đối tượng JSON.',
    progress: (current, total) => `Câu ${current}/${total}`,
    chooseOne: 'Chọn một đáp án.',
    chooseAll: 'Chọn tất cả đáp án đúng.',
    check: 'Kiểm tra',
    chooseFirst: 'Hãy chọn đáp án trước khi kiểm tra.',
    right: 'Chính xác!',
    wrong: 'Chưa đúng.',
    correctAnswer: (answers, many) => `${many ? 'Các đáp án đúng' : 'Đáp án đúng'}: ${answers}.`,
    correctTag: 'Đáp án đúng',
    yourChoice: 'Bạn chọn',
    source: 'Nguồn:',
    next: 'Câu tiếp theo',
    finish: 'Xem kết quả',
    resultTitle: 'Kết quả',
    score: (score, total, percent) => `Bạn trả lời đúng ${score}/${total} câu (${percent}).`,
    passed: 'Đạt! Chúc mừng bạn đã nắm vững kiến thức về chuyển đổi số.',
    failed: (needed) => `Chưa đạt: cần đúng ít nhất ${needed} câu. Hãy xem lại đáp án và thử lại nhé!`,
    review: 'Xem lại các câu trả lời',
    yourAnswer: 'Bạn trả lời:',
    rightMark: 'Đúng',
    wrongMark: 'Sai',
    newTab: '(mở trong thẻ mới)',
    retry: 'Làm lại',
    participation: (unit, count) => `${unit}: ${count} lượt tham gia`,
    averageScore: (percent) => `điểm trung bình ${percent}`,
    resultSending: 'Đang gửi kết quả…',
    resultQueued: 'Kết quả đã lưu trên máy này, sẽ tự gửi khi có mạng.',
    resultRejected: 'Máy chủ không ghi nhận kết quả này.',
  },
  // The built-in quiz (structure in quiz-default.ts); every fact and its source: docs/SOURCES.md.
  quiz: {
    title: 'Tìm hiểu về chuyển đổi số',
    questions: [
      // tru-cot
      [
        'Ba trụ cột của Chương trình Chuyển đổi số quốc gia (Quyết định 749/QĐ-TTg) là gì?',
        [
          'Chính phủ số, kinh tế số, xã hội số',
          'Điện tử, viễn thông, bưu chính',
          'Hạ tầng, dữ liệu, an ninh',
          'Đô thị, nông thôn, biển',
        ],
        'Quyết định 749/QĐ-TTg ngày 03/6/2020 nêu ba trụ cột: chính phủ số, kinh tế số và xã hội số.',
        'Vietbao.vn',
      ],
      // dvc-2025
      [
        'Theo Quyết định 749/QĐ-TTg, đến năm 2025 bao nhiêu phần trăm dịch vụ công trực tuyến đạt mức độ 4?',
        ['50%', '60%', '80%', '100%'],
        'Mục tiêu năm 2025 là 80%, dùng được trên thiết bị di động; năm 2030 là 100%.',
        'VietNamNet',
      ],
      // gdp-2025
      [
        'Theo Quyết định 749/QĐ-TTg, đến năm 2025 kinh tế số chiếm bao nhiêu phần trăm GDP?',
        ['15%', '20%', '40%', '50%'],
        'Mục tiêu năm 2025: kinh tế số chiếm 20% GDP; tỷ trọng kinh tế số trong từng ngành, lĩnh vực đạt tối thiểu 10%.',
        'VOV World',
      ],
      // egdi-2030
      [
        'Đến năm 2030, Việt Nam phấn đấu thuộc nhóm bao nhiêu nước dẫn đầu về Chỉ số phát triển Chính phủ điện tử (EGDI) của Liên Hợp Quốc?',
        ['30', '50', '70', '100'],
        'Mục tiêu năm 2030 là nhóm 50 nước; mốc nhóm 70 nước năm 2025 do chính Quyết định 749/QĐ-TTg đặt ra.',
        'VietNamNet',
      ],
      // ngay-cds
      [
        'Ngày Chuyển đổi số quốc gia là ngày nào?',
        ['03/6', '22/4', '10/10', '01/7'],
        'Quyết định 505/QĐ-TTg ngày 22/4/2022 lấy ngày 10/10 hằng năm làm Ngày Chuyển đổi số quốc gia; hai chữ số 1 và 0 gợi nhớ hệ nhị phân.',
        'Thanh Niên',
      ],
      // dvc-ben-tre
      [
        'Đề án chuyển đổi số tỉnh Bến Tre giai đoạn 2020–2025 đặt mục tiêu bao nhiêu phần trăm dịch vụ công trực tuyến đạt mức độ 4?',
        ['60%', '80%', '90%', '100%'],
        'Bến Tre đặt mục tiêu 100%, cao hơn mục tiêu 80% của cả nước.',
        'VietNamNet',
      ],
      // kinh-phi
      [
        'Kinh phí của Đề án chuyển đổi số tỉnh Bến Tre giai đoạn 2020–2025 khoảng bao nhiêu?',
        ['Gần 130 tỷ đồng', 'Gần 300 tỷ đồng', 'Gần 1.300 tỷ đồng', 'Gần 13.000 tỷ đồng'],
        'Kinh phí gần 1.300 tỷ đồng; ưu tiên y tế, giáo dục, du lịch và nông nghiệp.',
        'VietNamNet',
      ],
      // cho-gao
      [
        'Đơn vị cấp huyện nào sau đây KHÔNG thuộc tỉnh Bến Tre năm 2020?',
        ['Mỏ Cày Bắc', 'Chợ Gạo', 'Thạnh Phú', 'Giồng Trôm'],
        'Chợ Gạo khi đó là huyện của tỉnh Tiền Giang. Năm 2020 Bến Tre có 9 đơn vị cấp huyện: thành phố Bến Tre, Châu Thành, Chợ Lách, Mỏ Cày Nam, Giồng Trôm, Bình Đại, Ba Tri, Thạnh Phú và Mỏ Cày Bắc.',
        'dvhcvn (GSO, 01/11/2020)',
      ],
      // muc-4
      [
        'Theo Nghị định 43/2011/NĐ-CP, dịch vụ công trực tuyến mức độ 4 có thêm những gì so với mức độ 3?',
        [
          'Thanh toán lệ phí trực tuyến',
          'Điền và gửi hồ sơ trực tuyến',
          'Nhận kết quả trực tuyến hoặc qua bưu chính',
          'Tải mẫu đơn về máy',
        ],
        'Mức độ 3 cho điền và gửi hồ sơ trực tuyến; mức độ 4 thêm thanh toán lệ phí trực tuyến và trả kết quả trực tuyến, trực tiếp hoặc qua bưu chính. Tải mẫu đơn là mức độ 2.',
        'Thư viện Pháp luật',
      ],
      // nd-42
      [
        'Nghị định 42/2022/NĐ-CP chia dịch vụ công trực tuyến thành những mức nào?',
        [
          'Bốn mức, từ mức 1 đến mức 4',
          'Hai mức: toàn trình và một phần',
          'Ba mức: cơ bản, nâng cao, toàn diện',
          'Một mức duy nhất',
        ],
        'Điều 11 Nghị định 42/2022/NĐ-CP thay bốn mức độ cũ bằng hai mức: toàn trình (cả quy trình trực tuyến, kết quả trả trực tuyến hoặc qua bưu chính công ích) và một phần (các trường hợp còn lại).',
        'Một cửa Tiền Giang',
      ],
      // 2g-only
      [
        'Máy “chỉ hỗ trợ 2G” (2G-only) ngừng được phục vụ từ ngày nào?',
        ['16/9/2024', '10/10/2024', '16/10/2024', '15/9/2026'],
        'Thông tư 03 và 04/2024/TT-BTTTT quy định ngày 16/9/2024; Thông tư 10/2024/TT-BTTTT lùi một tháng vì bão Yagi, đến 16/10/2024.',
        'Dân trí',
      ],
      // vinh-long
      [
        'Từ ngày 01/7/2025, địa bàn tỉnh Bến Tre trước đây thuộc tỉnh nào?',
        ['Tiền Giang', 'Trà Vinh', 'Vĩnh Long', 'Đồng Tháp'],
        'Theo Nghị quyết 202/2025/QH15 (12/6/2025), ba tỉnh Bến Tre, Trà Vinh và Vĩnh Long hợp nhất thành tỉnh Vĩnh Long.',
        'Lao Động',
      ],
    ],
  },
};
