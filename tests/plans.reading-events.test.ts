import { describe, expect, it } from 'vitest';
import { campaignNameOf } from '../src/plans/plans.review.js';
import { kindsOf, local, read } from './support/plan-reading.js';

/** The general reading rules for notices of events and plans of one activity (issue 20): made-up lines shaped like real notices. */

describe('events', () => {
  it('when a notice lists the days of a performance, each at a named thôn, then there is one event a day for the thôn that hosts it', () => {
    const draft = read(
      'Tổ chức biểu diễn nghệ thuật chào mừng Đại hội\nTheo kế hoạch, chương trình biểu diễn nghệ thuật được tổ chức trong 02 ngày, cụ thể:\n- Ngày 27/01/2026 tại sân Nhà văn hóa thôn Tân Phong;\n- Ngày 28/01/2026 tại sân Nhà văn hóa thôn Chiềng Khạt.',
    );
    expect(draft.items.map((i) => [i.kind, i.period && local(i.period.start), i.assign.unitIds])).toEqual([
      ['event', '27/01/2026 00:00', [1]],
      ['event', '28/01/2026 00:00', [2]],
    ]);
  });

  it('when a festival prints its days and an opening time, then the event starts at the opening and nobody is assigned when nobody is named', () => {
    const draft = read(
      'Lai Vung sẽ tổ chức Lễ hội Quýt hồng vào tháng 01 năm 2023\n- Thời gian: Lễ hội diễn ra trong 04 ngày, từ ngày 05/01/2023 đến ngày 08/01/2023.\n+ Khai mạc Lễ hội: vào lúc 09 giờ 00, ngày 05/01/2023.\n- Thành phần tham dự: Dự kiến 300 đại biểu',
      { year: 2023 },
    );
    expect(draft.items.map((i) => [i.kind, i.title, i.period && local(i.period.start), i.period && local(i.period.end), i.assign.unitIds])).toEqual([
      ['event', 'Lễ hội Quýt hồng', '05/01/2023 09:00', '08/01/2023 23:59', []],
    ]);
  });

  it('when a Ngày hội is held within a window "ở cộng đồng khu dân cư" and draws organisations to take part, then only the residential units run it', () => {
    const draft = read(
      'Đảm bảo thiết thực trong tổ chức Ngày hội Đại đoàn kết\nV.Mạnh\nThời gian tổ chức Ngày hội tập trung trong khoảng từ ngày 1/11 đến hết ngày 18/11/2018. Việc tổ chức Ngày hội ở cộng đồng khu dân cư phải đảm bảo thiết thực, thu hút sự tham gia của các cơ quan, đơn vị.',
      { year: 2018 },
    );
    expect(draft.items.map((i) => [i.kind, i.period && local(i.period.start), kindsOf(i.assign.unitIds)])).toEqual([['event', '01/11/2018 00:00', ['block']]]);
  });
});

describe('a plan of one activity', () => {
  it('when a plan’s numbered sections are the facets of one tournament (Nội dung, Đối tượng, Thời gian, Địa điểm), then it is one event from its "Thời gian tổ chức"', () => {
    const draft = read(
      'Kế hoạch tổ chức Giải bóng đá truyền thống năm 2026\n1. Nội dung thi đấu: Bóng đá nam 11 người.\n2. Đối tượng tham gia: Các xã, phường cử 01 đội bóng.\n3. Thời gian\nThời gian tổ chức giải dự kiến từ ngày 03/8/2026 đến 02/9/2026.\n4. Địa điểm: Tại sân vận động.',
    );
    expect(draft.items.map((i) => [i.kind, i.title, i.period && local(i.period.start), i.assign.unitIds])).toEqual([
      ['event', 'Giải bóng đá truyền thống năm 2026', '03/08/2026 00:00', []],
    ]);
  });

  it('when a notice without a title has parts that are facets of one gathering (I. Thời gian và địa điểm, II. Nội dung …), then it is one event over the printed days, and the campaign is the event its body organises', () => {
    const draft = read(
      'Căn cứ Kế hoạch số 12/KH-HĐND ngày 02/3/2026 của Thường trực HĐND xã;\nThường trực HĐND xã tổ chức tiếp xúc cử tri sau kỳ họp thứ hai HĐND xã, nhiệm kỳ 2026-2031 với nội dung như sau:\nI. Thời gian và địa điểm: Từ ngày 16/3/2026 - ngày 17/3/2026.\nII. Nội dung tiếp xúc cử tri:\n- Báo cáo kết quả kỳ họp thứ hai.\n- Trả lời ý kiến của cử tri.',
    );
    expect(campaignNameOf(draft.title)).toBe('Tiếp xúc cử tri sau kỳ họp thứ hai HĐND xã, nhiệm kỳ 2026-2031');
    expect(draft.items.map((i) => [i.kind, i.period && local(i.period.start), i.period && local(i.period.end), i.assign.unitIds])).toEqual([['event', '16/03/2026 00:00', '17/03/2026 23:59', []]]);
  });

  it('when a plan’s parts are its purpose, its time ("II. THỜI GIAN, ĐỊA ĐIỂM"), who joins ("III. THÀNH PHẦN") and its execution, then it is one activity, done by those the part lists', () => {
    const draft = read(
      'KẾ HOẠCH\nRa quân tổng vệ sinh môi trường hưởng ứng Ngày Môi trường thế giới\nI. MỤC ĐÍCH, YÊU CẦU\n- Nâng cao nhận thức về bảo vệ môi trường.\nII. THỜI GIAN, ĐỊA ĐIỂM\n- Thời gian: 07 giờ 00, Chủ nhật ngày 07/6/2026.\nIII. THÀNH PHẦN\n- Cán bộ, công chức xã; các đoàn thể xã; Trưởng các bản và Nhân dân.\nIV. TỔ CHỨC THỰC HIỆN\n1. Văn phòng chuẩn bị dụng cụ.',
    );
    expect(draft.items.map((i) => [i.kind, i.period && local(i.period.start), kindsOf(i.assign.unitIds)])).toEqual([['cleanup', '07/06/2026 07:00', ['block', 'organisation']]]);
  });

  it('when a sports festival ("Đại hội Thể dục thể thao") opens at a time and its time line runs on ("thi đấu từ ngày 15/5 đến hết ngày 17/5"), then it is one event from the opening to the last day', () => {
    const draft = read('THÔNG BÁO\nVề việc tổ chức Đại hội Thể dục thể thao xã lần thứ V năm 2026\n- Thời gian: Khai mạc vào lúc 7 giờ 00 ngày 15/5/2026, thi đấu từ ngày 15/5 đến hết ngày 17/5/2026.\n- Địa điểm: Sân vận động xã.');
    expect(draft.items.map((i) => [i.kind, i.title, i.period && local(i.period.start), i.period && local(i.period.end)])).toEqual([
      ['event', 'Đại hội Thể dục thể thao xã lần thứ V năm 2026', '15/05/2026 07:00', '17/05/2026 23:59'],
    ]);
  });
});

describe('plans of several activities', () => {
  const plan = (content: string, execution: string) =>
    read(`KẾ HOẠCH\nTổ chức các hoạt động chào mừng Quốc khánh 2/9/2026\nI. MỤC ĐÍCH, YÊU CẦU\n1. Tạo không khí vui tươi.\nII. NỘI DUNG\n${content}\nIII. TỔ CHỨC THỰC HIỆN\n${execution}`);

  it('when an activity of part II names no lead ("Chủ trì: …") but its sentence names collectives ("Các cơ quan, trường học và các thôn treo cờ …"), then those do it', () => {
    const draft = plan('1. Treo cờ Tổ quốc\nCác cơ quan, trường học và các thôn treo cờ Tổ quốc từ ngày 01/9/2026 đến hết ngày 03/9/2026.\n2. Tổng vệ sinh môi trường\nCác thôn tổ chức tổng vệ sinh vào ngày 30/8/2026.', '1. Văn phòng tổng hợp kết quả.');
    expect(draft.items.map((i) => [i.kind, kindsOf(i.assign.unitIds)])).toEqual([
      ['flag', ['block', 'organisation', 'school']],
      ['cleanup', ['block']],
    ]);
  });

  it('when part II names nobody for an activity and part III gives it as a numbered duty ("1. Trưởng các thôn vận động Nhân dân treo cờ …"), then that duty says who does it', () => {
    const draft = plan('1. Treo cờ Tổ quốc\n- Thời gian: từ ngày 01/9/2026 đến hết ngày 03/9/2026.', '1. Trưởng các thôn vận động Nhân dân treo cờ Tổ quốc đúng quy định.');
    expect(draft.items.map((i) => [i.kind, i.period && local(i.period.start), kindsOf(i.assign.unitIds)])).toEqual([['flag', '01/09/2026 00:00', ['block']]]);
  });
});

describe('events told in a news item', () => {
  it('when a news item says a tournament "sẽ khai mạc vào lúc 15 h ngày …" in the middle of a sentence, then it is an event from that time', () => {
    const draft = read(
      'Hoạt động thể thao hè năm 2026\nĐoàn xã phối hợp UBND xã tổ chức giải bóng đá thiếu niên năm 2026.\nGiải đấu sẽ khai mạc vào lúc 15 h ngày 01/7/2026 kéo dài đến ngày 10/7/2026.',
    );
    expect(draft.items.map((i) => [i.kind, i.period && local(i.period.start)])).toEqual([['event', '01/07/2026 15:00']]);
  });
});

describe('a schedule with the time first', () => {
  it('when a schedule lists each meeting with its time first ("- 19h30’ ngày 08/7/2026 tiếp xúc cử tri thôn Tân Phong"), then there is one event per item, from that time, for the thôn it names', () => {
    const draft = read(
      'Triển khai kế hoạch tiếp xúc cử tri\nHoạt động tiếp xúc cử tri sẽ được diễn ra từ ngày 08 đến ngày 09/7/2026, lịch tiếp xúc cụ thể như sau:\n- 19h30’ ngày 08/7/2026 tiếp xúc cử tri thôn Tân Phong\n- 14h00’ ngày 09/7/2026 tiếp xúc cử tri thôn Chiềng Khạt',
    );
    expect(draft.items.map((i) => [i.kind, i.period && local(i.period.start), i.assign.unitIds])).toEqual([
      ['event', '08/07/2026 19:30', [1]],
      ['event', '09/07/2026 14:00', [2]],
    ]);
  });
});

describe('an event’s start printed apart from its days', () => {
  it('when an event runs over days ("diễn ra trong 2 ngày 17 và 18/7") and a sentence gives its first day a part of day ("Sáng 17/7, xã … khai mạc giải …"), then it starts that morning at 07:00', () => {
    const draft = read(
      'Khai mạc giải bóng chuyền xã năm 2026\nSáng 17/7, xã tổ chức lễ khai mạc giải bóng chuyền năm 2026.\nGiải bóng chuyền diễn ra trong 2 ngày 17 và 18/7.',
    );
    expect(draft.items.map((i) => [i.kind, i.period && local(i.period.start)])).toEqual([['event', '17/07/2026 07:00']]);
  });

  it('when a show’s time line prints its days and, after a ";" without a space, "Khai mạc vào lúc 19h" on the first day, then it starts at 19:00; a later day’s time is not its start', () => {
    const draft = read(
      'Thông báo dự xem Liên hoan văn nghệ\nThời gian diễn ra liên hoan trong 2 ngày 25 và 26/10/2026;Khai mạc vào lúc 19h ngày 25/10/2026.Tổng kết lúc 16h30 ngày 26/10/2026.',
    );
    expect(draft.items.map((i) => [i.kind, i.period && local(i.period.start)])).toEqual([['event', '25/10/2026 19:00']]);
  });
});

describe('who runs an event', () => {
  it('when the event’s own name holds a unit word ("Liên hoan … thôn, tổ dân phố … được tổ chức tại …") and a sentence asks "đề nghị … các cơ quan, ban ngành, hội đoàn thể … thông báo triệu tập", then those asked run it, not every thôn', () => {
    const draft = read(
      'Thông báo dự xem Liên hoan văn nghệ thôn, tổ dân phố\nLiên hoan văn nghệ thôn, tổ dân phố năm 2026 được tổ chức tại Trung tâm Văn hóa huyện.\nUBND huyện đề nghị lãnh đạo các cơ quan, ban ngành, hội đoàn thể thông báo triệu tập cán bộ và nhân dân đến dự xem Liên hoan.\nThời gian: Khai mạc vào lúc 19h ngày 25/10/2026.',
    );
    expect(draft.items.map((i) => [i.kind, kindsOf(i.assign.unitIds)])).toEqual([['event', ['organisation']]]);
  });
});

describe('an event’s days in a sentence that does not name it', () => {
  it('when a news item opens a tournament ("Ngày 16/4, xã … khai mạc giải bóng đá …") and a later sentence says "Giải đấu sẽ diễn ra từ ngày 16/4 đến ngày 29/4/2026", then it is an event from 16/4', () => {
    const draft = read(
      'Xã khai mạc giải bóng đá năm 2026\nNgày 16/4, xã khai mạc giải bóng đá tranh cúp năm 2026.\nCác đội thi đấu theo hình thức vòng tròn tính điểm.\nGiải đấu sẽ diễn ra từ ngày 16/4 đến ngày 29/4/2026.',
    );
    expect(draft.items.map((i) => [i.kind, i.period && local(i.period.start), i.period && local(i.period.end), i.assign.unitIds])).toEqual([
      ['event', '16/04/2026 00:00', '29/04/2026 23:59', []],
    ]);
  });

  it('when a Ngày hội’s guidance lets the khu dân cư "chọn ngày tổ chức trong khoảng thời gian từ 1- 18/11", then it is one event over that window for the residential units', () => {
    const draft = read(
      'Tổ chức ngày hội Đại đoàn kết ở khu dân cư\nĐó là hướng dẫn của Mặt trận tỉnh trong việc tổ chức ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư năm 2026.\nTheo đó, các khu dân cư tùy tình hình thực tế để chọn ngày tổ chức trong khoảng thời gian từ 1- 18/11.',
    );
    expect(draft.items.map((i) => [i.kind, i.period && local(i.period.start), i.period && local(i.period.end), kindsOf(i.assign.unitIds)])).toEqual([
      ['event', '01/11/2026 00:00', '18/11/2026 23:59', ['block']],
    ]);
  });

  it('when a notice puts a tournament off ("tạm hoãn tổ chức Giải") and recalls its first days ("thời gian tổ chức Giải từ ngày 17/8 đến …"), then those days are no event', () => {
    const draft = read(
      'Tạm hoãn tổ chức giải bóng bàn thiếu niên năm 2026\nTrong đó, thời gian tổ chức Giải từ ngày 17/8/2026 đến ngày 20/8/2026.\nDo tình hình dịch bệnh, Ban Tổ chức tạm hoãn tổ chức Giải.',
    );
    expect(draft.items.filter((i) => i.period)).toEqual([]);
  });
});

describe('movements launched over a period', () => {
  it('when a notice launches a movement "được phát động từ ngày … đến …" beside its event, then it is a movement over those days for the event’s units', () => {
    const draft = read(
      'Ngày hội Đại đoàn kết toàn dân tộc năm 2026\nNgày hội Đại đoàn kết toàn dân tộc được tổ chức vào ngày 18/11/2026 tại các thôn.\nCũng theo kế hoạch phát động chung tay xoá nhà tạm, nhà dột nát trên địa bàn xã được phát động từ ngày 17/10/2026 đến 22/01/2027.',
    );
    expect(draft.items.map((i) => [i.kind, i.title, i.period && local(i.period.start), i.period && local(i.period.end), kindsOf(i.assign.unitIds)])).toEqual([
      ['event', 'Ngày hội Đại đoàn kết toàn dân tộc năm 2026', '18/11/2026 00:00', '18/11/2026 23:59', ['block']],
      ['movement', 'Chung tay xoá nhà tạm, nhà dột nát', '17/10/2026 00:00', '22/01/2027 23:59', ['block']],
    ]);
  });
});
