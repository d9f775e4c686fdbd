import { describe, expect, it } from 'vitest';
import { readNames, toAssignment } from '../src/plans/plan-assignees.js';
import { classify, shortTitle } from '../src/plans/plan-classify.js';
import { ALL_IDS, ids, TOWN_UNITS } from './fixtures/plans/units.js';

const units = (phrase: string) => {
  const a = toAssignment(readNames(phrase, { units: TOWN_UNITS }), TOWN_UNITS);
  return { kinds: a.kinds, named: a.namedUnitIds, all: a.all, unmatched: a.unmatched };
};
const none = { kinds: [], named: [], all: false, unmatched: [] };

describe('readNames: who a plan assigns', () => {
  it.each([
    ['Công chức Địa chính – Xây dựng', [15]],
    ['Địa chính-Xây dựng', [15]],
    ['Công chức VH-XH phụ trách công tác (Lao động, Thương binh, Xã hội - Dân tộc)', [16]],
    ['Công chức Văn hoá – Xã hội (phụ trách Văn hóa và Thông tin)', [16]],
    ['Văn phòng- Thống kê thị trấn.', [17]],
    ['Khối 1', [1]],
    ['Khối 12', [12]],
    ['CLB Văn nghệ Khối 5', [21]],
    ['Câu lạc bộ văn nghệ khối 5', [21]],
    ['trường thcs cao loc', [20]],
    ['UBMTTQ thị trấn', [23]],
    ['Đoàn Thanh niên, Hội Phụ nữ', [24, 25]],
  ])('when "%s" is named, then it is unit(s) %j', (phrase, named) => {
    expect(units(phrase)).toEqual({ ...none, named });
  });

  it.each([
    ['Các khối trưởng', 'block'],
    ['các khối', 'block'],
    ['Ban cán sự các thôn', 'block'],
    ['các tổ dân phố', 'block'],
    ['Các đơn vị trường học', 'school'],
    ['các Câu lạc bộ VH-VN. TDTT trên địa bàn', 'club'],
    ['Câu lạc bộ', 'club'],
    ['Các Ban ngành đoàn thể thị trấn', 'organisation'],
    ['Ban ngành đoàn thể thị trấn các khối', 'organisation'],
    ['các cán bộ công chức cơ quan thị trấn', 'staff'],
  ])('when "%s" is named, then it means every unit of kind %s', (phrase, kind) => {
    expect(units(phrase)).toEqual({ ...none, kinds: [kind] });
  });

  it('when "UBMTTQ" is named and no unit carries that name, then it means the organisations', () => {
    const a = toAssignment(readNames('UBMTTQ', { units: TOWN_UNITS.filter((u) => u.id !== 23) }), TOWN_UNITS);
    expect([a.kinds, a.unitIds]).toEqual([['organisation'], ids('organisation')]);
  });

  it('when "các đơn vị" is named, then every unit is assigned', () => {
    const a = toAssignment(readNames('các đơn vị trên địa bàn', { units: TOWN_UNITS }), TOWN_UNITS);
    expect([a.all, a.unitIds]).toEqual([true, ALL_IDS]);
  });

  it('when a name matches no unit, then it is listed for the admin, and vague words are not', () => {
    expect(units('Công an thị trấn, các cơ quan cấp trên và Khối 3')).toEqual({ ...none, named: [3], unmatched: ['Công an thị trấn'] });
  });
});

describe('classify: the kind of work', () => {
  it.each([
    ['Công tác tuyên truyền', ['propaganda']],
    ['Tổ chức phát động phong trào thi đua lập thành tích', ['movement']],
    ['Gắn biển công trình chào mừng kỷ niệm', ['plaque']],
    ['Tổ chức các hoạt động thăm hỏi, động viên', ['visits']],
    ['Tham gia Cuộc thi trắc nghiệm trên internet', ['quiz']],
    ['Tổ chức các hoạt động văn hóa, văn nghệ...', ['event']],
    ['Thực hiện rà soát các pano khổ lớn', ['billboard']],
    ['Tổng hợp và tham mưu UBND thị trấn báo cáo kết quả', ['results-report']],
    ['Các khối trưởng tuyên truyền vận động các hộ gia đình treo cờ tổ quốc, thực hiện công tác vệ sinh môi trường', ['flag', 'cleanup']],
    ['treo cờ Tổ quốc; hạ cờ, tháo dỡ băng rôn khi hết thời gian', ['flag', 'takedown']],
    ['Đề nghị Câu lạc bộ Văn hoá Văn nghệ căn cứ tình hình thực tế', []],
    ['Tham mưu cho UBND huyện thẩm định, cân đối kinh phí', []],
  ])('when "%s" is read, then it is %j', (text, kinds) => {
    expect(classify(text).map((h) => h.kind)).toEqual(kinds);
  });

  it.each([
    ['Gắn biển công trình chào mừng kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh', 'Gắn biển công trình'],
    ['thực hiện công tác vệ sinh môi trường tại khu vực địa bàn khối.', 'Công tác vệ sinh môi trường tại khu vực địa bàn khối'],
    ['Tham gia Cuộc thi trắc nghiệm trên internet tìm hiểu 90 năm Ngày truyền thống Đảng bộ tỉnh (theo kế hoạch của tỉnh)', 'Tham gia Cuộc thi trắc nghiệm trên internet tìm hiểu'],
  ])('when the title of "%s" is shortened, then it reads "%s"', (text, title) => {
    expect(shortTitle(text)).toBe(title);
    expect(shortTitle(text).length).toBeLessThanOrEqual(80);
  });
});
