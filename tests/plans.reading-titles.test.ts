import { describe, expect, it } from 'vitest';
import { extractPlanText } from '../src/plans/extract-text.js';
import { fitTitle } from '../src/plans/notice-titles.js';
import { campaignNameOf } from '../src/plans/plans.review.js';
import { buildPdf } from './fixtures/plans/documents.js';
import { kindsOf, local, read } from './support/plan-reading.js';

/**
 * The general reading rules for a notice's title lines, its campaign name, its tasks' titles and the lines a PDF
 * wraps (issue 20, held-out sets): one rule per test, on made-up lines shaped like real notices. Periods and
 * assignees: plans.reading-rules; events and plans: plans.reading-events.
 */

describe('headings and titles cut at phrase boundaries', () => {
  it('when a heading is printed over two lines ("… nhân dịp kỷ niệm" / "88 năm …"), then the campaign is the whole heading without "Về"', () => {
    const draft = read('Về treo cờ, khẩu hiệu nhân dịp kỷ niệm\n88 năm Ngày thành lập Đảng Cộng sản Việt Nam (3-2-1930 – 3-2-2018)\nTất cả các cơ quan, đơn vị treo cờ Tổ quốc trong ngày 3-2-2018.', { year: 2018 });
    expect(campaignNameOf(draft.title)).toBe('Treo cờ, khẩu hiệu nhân dịp kỷ niệm 88 năm Ngày thành lập Đảng Cộng sản Việt Nam (3-2-1930 – 3-2-2018)');
  });

  it('when a heading in capitals is followed by page furniture ("17 giờ trước") and a preamble, then neither joins the campaign name', () => {
    const draft = read('THÔNG BÁO TỔ CHỨC RA QUÂN TỔNG VỆ SINH MÔI TRƯỜNG\n17 giờ trước\nChào mừng kỷ niệm 80 năm Quốc khánh;\nPhường tổ chức ra quân tổng vệ sinh môi trường.\nThời gian: 7h00 ngày 02/8/2025 (Thứ 7).\nThành phần tham gia: Toàn bộ hệ thống chính trị phường.', { year: 2025 });
    expect(campaignNameOf(draft.title)).toBe('Tổ chức ra quân tổng vệ sinh môi trường');
    // The cleanup the title names takes the "Thời gian:" line and the "Thành phần tham gia:" line.
    expect(draft.items.map((i) => [i.kind, i.period && local(i.period.start), kindsOf(i.assign.unitIds)])).toEqual([['cleanup', '02/08/2025 07:00', ['block', 'organisation']]]);
  });

  it('when a report says "UBND … có thông báo <subject> đến cơ quan …", then the subject names the campaign and the title stops before "đến"', () => {
    const draft = read('Ngày 10-12, UBND TPHCM có thông báo treo cờ Tổ quốc và nghỉ Tết Dương lịch năm 2026 đến cơ quan hành chính, sự nghiệp, tổ chức chính trị - xã hội.\nCác cơ quan, đơn vị treo cờ Tổ quốc trong ngày 1-1-2026.');
    expect(campaignNameOf(draft.title)).toBe('Treo cờ Tổ quốc và nghỉ Tết Dương lịch năm 2026');
    expect(draft.items[0]?.title).not.toMatch(/đến/u);
  });

  it('when a title must be cut inside a phrase, then it ends before the word that opened the phrase, never mid-phrase', () => {
    expect(fitTitle('Treo cờ Tổ quốc chào mừng Tết Dương lịch Bính Ngọ đến cơ quan hành chính sự nghiệp')).toBe('Treo cờ Tổ quốc chào mừng Tết Dương lịch Bính Ngọ');
    expect(fitTitle('Treo cờ Tổ quốc chào mừng Đại hội đại biểu Đảng bộ phường tại hội trường lớn của Ủy ban')).toBe('Treo cờ Tổ quốc chào mừng Đại hội đại biểu Đảng bộ phường');
  });

  it('when a notice has no title and orders a cleanup, then the campaign is named by that cleanup', () => {
    const draft = read('20/7/2022 16:18\n(hocmon.gov.vn) Theo Công văn số 3517/UBND ngày 18/7/2022, UBND huyện đề nghị các đoàn thể tổ chức thực hiện tổng vệ sinh triệt nơi sinh sản của muỗi ngay tại cơ quan, đơn vị.', { year: 2022 });
    expect(draft.title).toBe('Tổng vệ sinh triệt nơi sinh sản của muỗi');
    expect(draft.items.map((i) => [i.kind, i.periodFrom])).toEqual([['cleanup', 'none']]);
  });
});

describe('headings, occasions and places (third held-out set)', () => {
  it('when a headline is followed by a time stamp "12:53 | 25/04/2025", then the stamp is page furniture, not part of the campaign name', () => {
    const draft = read('Hà Nội thông báo treo cờ Tổ quốc dịp kỷ niệm thống nhất đất nước\n12:53 | 25/04/2025\nCác cơ quan, đơn vị treo cờ Tổ quốc từ ngày 28/4/2025 đến hết ngày 4/5/2025.', { year: 2025 });
    expect(campaignNameOf(draft.title)).toBe('Hà Nội thông báo treo cờ Tổ quốc dịp kỷ niệm thống nhất đất nước');
  });

  it('when the occasion is a "tang lễ" ("trong hai ngày tang lễ đồng chí …"), then the cờ rủ title names it', () => {
    const draft = read('Treo cờ rủ trong 2 ngày tang lễ nguyên Chủ tịch nước Nguyễn Văn A\nCác cơ quan, trường học treo cờ rủ trong hai ngày tang lễ, ngày 6 và 7/10/2026.');
    expect(draft.items.map((i) => i.title)).toEqual(['Treo cờ rủ tang lễ nguyên Chủ tịch nước Nguyễn Văn A']);
  });

  it('when villagers are told as having cleaned "đường làng, ngõ xóm", then those roads assign no thôn and the Ngày hội of the window is the event', () => {
    const draft = read(
      'NGÀY HỘI ĐẠI ĐOÀN KẾT Ở XÃ\nHướng tới kỷ niệm Ngày truyền thống Mặt trận Tổ quốc Việt Nam, Ban công tác mặt trận các thôn đã tích cực chuẩn bị tổ chức ngày hội. Bà con đã tổng vệ sinh đường làng, ngõ xóm. Ngày hội Đại đoàn kết toàn dân tộc diễn ra từ ngày 08/11 đến 18/11/2026.',
    );
    expect(draft.items.map((i) => [i.kind, i.title, i.period && local(i.period.start), kindsOf(i.assign.unitIds)])).toEqual([
      ['event', 'Ngày hội đại đoàn kết ở xã', '08/11/2026 00:00', ['block']],
    ]);
  });

  it('when a cleanup sentence opens on its verb ("Vận động nhân dân làm vệ sinh …"), then the sentence before it says who does it', () => {
    const draft = read('Thông báo treo cờ\nCác đồng chí Trưởng thôn có trách nhiệm đôn đốc bà con. Vận động nhân dân làm vệ sinh đường làng, tạo cảnh quan sạch đẹp.');
    expect(draft.items.filter((i) => i.kind === 'cleanup').map((i) => kindsOf(i.assign.unitIds))).toEqual([['block']]);
  });
});

describe('the document’s own title line', () => {
  it('when a page heading stands above a letter whose subject line is "V/v …", then the letter’s subject line names the campaign', () => {
    const draft = read('Thông báo lễ viếng nguyên Chủ tịch nước\nỦY BAN NHÂN DÂN XÃ AN HÒA\nSố: 12/CV-UBND\nV/v tổ chức lễ viếng và treo cờ rủ\nKính gửi: Trưởng các thôn.\nUBND xã đề nghị các thôn treo cờ rủ trong 2 ngày 26/9 và 27/9/2026.');
    expect(campaignNameOf(draft.title)).toBe('Tổ chức lễ viếng và treo cờ rủ');
  });

  it('when a page heading in capitals repeats the type above the document’s own "THÔNG BÁO" line, then the document’s subject lines name it, up to the greeting "Kính thưa …!"', () => {
    const draft = read('THÔNG BÁO VỀ VIỆC TỔ CHỨC HỘI XUÂN LÀNG AN PHÚ\n10/01/2026 08:00\nTHÔNG BÁO\nVề việc tổ chức Hội xuân truyền thống\nlàng An Phú năm 2026\nKính thưa: Toàn thể nhân dân trong xã!\nLễ hội diễn ra từ ngày 20/02/2026 đến ngày 22/02/2026.');
    expect(campaignNameOf(draft.title)).toBe('Tổ chức Hội xuân truyền thống làng An Phú năm 2026');
  });

  it('when a news headline names who gave notice ("Phường An Lạc thông báo về việc …"), then it is kept whole; a document’s own "Thông báo (của …) về việc …" is not', () => {
    expect(campaignNameOf('Phường An Lạc thông báo về việc treo cờ Tổ quốc mừng Xuân')).toBe('Phường An Lạc thông báo về việc treo cờ Tổ quốc mừng Xuân');
    expect(campaignNameOf('Về việc treo cờ Tổ quốc mừng Xuân')).toBe('Treo cờ Tổ quốc mừng Xuân');
    expect(campaignNameOf('của UBND xã về việc treo cờ Tổ quốc mừng Xuân')).toBe('Treo cờ Tổ quốc mừng Xuân');
  });
});

describe('titles cut where a phrase or a name ends', () => {
  it('when a title must be cut inside a capitalised name ("… Đảng bộ xã Tân Phú | Đông"), then the name is left out whole', () => {
    expect(fitTitle('Treo cờ Tổ quốc chào mừng Đại hội đại biểu Đảng bộ xã Tân Phú Đông lần thứ XV')).toBe('Treo cờ Tổ quốc chào mừng Đại hội đại biểu Đảng bộ xã');
  });

  it('when a cut leaves a word that needs its complement ("toàn" quốc, "khóa" XV, "cấp" tỉnh), then that word goes too', () => {
    expect(fitTitle('Treo cờ Tổ quốc chào mừng Đại hội Hội Cựu chiến binh toàn quốc lần thứ VII')).toBe('Treo cờ Tổ quốc chào mừng Đại hội Hội Cựu chiến binh');
    expect(fitTitle('Treo cờ Tổ quốc hưởng ứng ngày bầu cử đại biểu Quốc hội khóa XVI và Hội đồng nhân dân')).toBe('Treo cờ Tổ quốc hưởng ứng ngày bầu cử đại biểu Quốc hội');
  });
});

describe('PDF lines', () => {
  it('when a PDF row stops short of the margin only because the next word (a long date span) would not fit, then the row below continues the same sentence', async () => {
    const text = 'Thông báo treo cờ\nTrong dịp kỷ niệm ngày thành lập (01/01/2000-31/12/2025/01/01/2026-31/12/2030), các cơ quan treo cờ Tổ quốc.\nCác trường học treo cờ Tổ quốc.';
    const out = await extractPlanText({ bytes: await buildPdf(text), fileName: 'notice.pdf' });
    expect(out.ok && out.text.split('\n').map((l) => l.slice(0, 18))).toEqual(['Thông báo treo cờ', 'Trong dịp kỷ niệm ', 'Các trường học tre']);
  });
});

describe('headlines as news pages print them', () => {
  it('when a headline starts with its genre label ("BÀI TUYÊN TRUYỀN:") and ends with emoji, then the campaign is the headline without them, in sentence case', () => {
    const draft = read('BÀI TUYÊN TRUYỀN: XÃ AN BÌNH RA QUÂN TỔNG VỆ SINH MÔI TRƯỜNG 🇻🇳🇻🇳\nCác thôn ra quân tổng vệ sinh môi trường từ ngày 12/9/2026 đến hết ngày 13/9/2026.');
    expect(campaignNameOf(draft.title)).toBe('Xã an bình ra quân tổng vệ sinh môi trường');
  });

  it('when a headline ends with a full stop and the body opens on the next line ("Thực hiện …"), then the headline is the campaign, without its full stop', () => {
    const draft = read('Xã An Bình ra quân dọn dẹp vệ sinh đón Tết Nguyên đán năm 2027.\nThực hiện kế hoạch của UBND xã, các thôn ra quân dọn dẹp vệ sinh môi trường.', { year: 2027 });
    expect(campaignNameOf(draft.title)).toBe('Xã An Bình ra quân dọn dẹp vệ sinh đón Tết Nguyên đán năm 2027');
  });

  it('when a page prints the notice’s title line twice ("THÔNG BÁO Về việc …" as its heading and again), then the campaign names it once', () => {
    const line = 'THÔNG BÁO Về việc treo cờ Tổ quốc mừng Xuân Đinh Mùi năm 2027';
    const draft = read(`${line}\n${line}\nCác thôn treo cờ Tổ quốc từ ngày 03/02/2027 đến hết ngày 12/02/2027.`, { year: 2027 });
    expect(campaignNameOf(draft.title)).toBe('Treo cờ Tổ quốc mừng Xuân Đinh Mùi năm 2027');
  });
});

describe('lines wrapped on a word no sentence ends on', () => {
  it('when a line ends on "và" and the next starts with the rest of the days ("… trong 2 ngày 25 và" / "26/10/2026;Khai mạc …", a PDF row wrapped before a long word), then they are one sentence and the event runs over both days', () => {
    const draft = read('Thông báo dự xem Liên hoan văn nghệ\nThời gian diễn ra liên hoan trong 2 ngày 25 và\n26/10/2026;Khai mạc vào lúc 19h ngày 25/10/2026.');
    expect(draft.items.map((i) => [i.kind, i.period && local(i.period.start), i.period && local(i.period.end)])).toEqual([['event', '25/10/2026 19:00', '26/10/2026 23:59']]);
  });
});
