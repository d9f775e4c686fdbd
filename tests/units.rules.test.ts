import { describe, expect, it } from 'vitest';
import { MAX_UNIT_NAME, parseUnitLine, parseUnitLines } from '../src/onboarding/units.rules.js';

const unit = (name: string, households: number | null = null) => ({ ok: true, unit: { name, households } });
const refused = (reason: string) => ({ ok: false, reason });

describe('parseUnitLine with households (residential units)', () => {
  it.each([
    ['semicolon', 'Khối 7; 230', unit('Khối 7', 230)],
    ['semicolon and "hộ"', 'Khối 7; 230 hộ', unit('Khối 7', 230)],
    ['colon', 'Khối 7: 230', unit('Khối 7', 230)],
    ['spaced dash and "hộ"', 'Khối 7 - 230 hộ', unit('Khối 7', 230)],
    ['en dash', 'Khối 7 – 230', unit('Khối 7', 230)],
    ['comma', 'Khối 7, 230', unit('Khối 7', 230)],
    ['tab (a row pasted from Excel)', 'Khối 7\t230', unit('Khối 7', 230)],
    ['tab and empty cells after', 'Khối 7\t230\t\t', unit('Khối 7', 230)],
    ['bar', 'Khối 7 | 230', unit('Khối 7', 230)],
    ['a space and "hộ"', 'Khối 7 230 hộ', unit('Khối 7', 230)],
    ['"hộ dân" after a glued dash', 'Khối 7-230 hộ dân', unit('Khối 7', 230)],
    ['"ho" typed without accents', 'Khoi 7: 230 ho', unit('Khoi 7', 230)],
    ['thousands dot', 'Khối 7; 1.200', unit('Khối 7', 1200)],
    ['thousands dot after a comma', 'Khối 7, 1.200 hộ', unit('Khối 7', 1200)],
    ['no number', 'Khối 7', unit('Khối 7')],
    ['no number, trailing semicolon', 'Khối 7;', unit('Khối 7')],
    ['a number inside the name', 'Tổ dân phố số 3', unit('Tổ dân phố số 3')],
    ['a number inside the name, with households', 'Tổ dân phố số 3; 95', unit('Tổ dân phố số 3', 95)],
    ['a spaced dash inside the name', 'Công chức Địa chính – Xây dựng', unit('Công chức Địa chính – Xây dựng')],
    ['a glued dash inside the name', 'Địa chính-Xây dựng', unit('Địa chính-Xây dựng')],
    ['a dashed name with households', 'Địa chính-Xây dựng; 12', unit('Địa chính-Xây dựng', 12)],
    ['a glued dash between numbers is a name ("Khu 3-4")', 'Khu 3-4', unit('Khu 3-4')],
    ['a colon not followed by a number is a name', 'Chi hội: Cựu chiến binh', unit('Chi hội: Cựu chiến binh')],
    ['a bullet and extra spaces', '•  Khối   7 ;  230 ', unit('Khối 7', 230)],
    ['decomposed accents (pasted from Word on a Mac)', 'Khối 7; 230'.normalize('NFD'), unit('Khối 7', 230)],
  ])('when the line uses %s, then it reads the name and households', (_form, line, expected) => {
    expect(parseUnitLine(line)).toEqual(expected);
  });

  it.each([
    ['a negative count is not a count', 'Khối 7; -5', 'households-invalid'],
    ['a negative count after a colon', 'Khối 7: -5', 'households-invalid'],
    ['a decimal comma is not a whole number', 'Khối 7; 1,5', 'households-invalid'],
    ['words are not a count', 'Khối 7; hai trăm', 'households-invalid'],
    ['zero households is a typo for a residential unit', 'Khối 7; 0', 'households-out-of-range'],
    ['an extra digit makes an absurd count', 'Khối 7; 230.000', 'households-out-of-range'],
    ['an absurd count after a dash', 'Khối 7 - 12000 hộ', 'households-out-of-range'],
    ['the name is empty', '; 230', 'name-missing'],
    ['only a count', '230', 'name-missing'],
    ['only a count after a colon', ': 230 hộ', 'name-missing'],
    ['a name over the length limit', `${'Tổ dân phố '.repeat(8)}; 40`, 'name-too-long'],
    ['three columns (e.g. a row number first)', '1\tKhối 7\t230', 'too-many-parts'],
    ['a note after the count', 'Khối 7; 230; mới tách', 'too-many-parts'],
  ])('when %s, then the line is refused with a reason', (_case, line, reason) => {
    expect(parseUnitLine(line)).toEqual(refused(reason));
  });

  it('when a name is exactly at the limit, then it is accepted', () => {
    const name = 'T'.repeat(MAX_UNIT_NAME);
    expect(parseUnitLine(`${name}; 40`)).toEqual(unit(name, 40));
  });

  it('when a line is blank, then it is skipped (null)', () => {
    expect(parseUnitLine('   \t ')).toBeNull();
  });
});

describe('parseUnitLine without households (schools, clubs, staff)', () => {
  const names = { households: false };

  it.each([
    ['Trường Mầm non Hoa Sen', 'Trường Mầm non Hoa Sen'],
    ['Công chức Địa chính – Xây dựng', 'Công chức Địa chính – Xây dựng'],
    ['Trường THCS số 2', 'Trường THCS số 2'],
    ['Hội Cựu chiến binh, khối 7', 'Hội Cựu chiến binh, khối 7'],
    ['Trường TH số 1 - 2', 'Trường TH số 1 - 2'],
    ['  Câu lạc bộ   Dưỡng sinh\t', 'Câu lạc bộ Dưỡng sinh'],
  ])('when the line is "%s", then the whole line is the name', (line, name) => {
    expect(parseUnitLine(line, names)).toEqual(unit(name));
  });

  it.each([
    ['a count after a semicolon', 'Trường Mầm non Hoa Sen; 30', 'households-not-expected'],
    ['a count in a second Excel column', 'Trường Mầm non Hoa Sen\t30', 'households-not-expected'],
    ['a count with "hộ"', 'Trường Mầm non Hoa Sen 30 hộ', 'households-not-expected'],
    ['two names on one line', 'Hội Phụ nữ; Đoàn Thanh niên', 'too-many-parts'],
    ['only a number', '230', 'name-only-number'],
    ['a name over the length limit', 'x'.repeat(MAX_UNIT_NAME + 1), 'name-too-long'],
  ])('when the line has %s, then it is refused rather than guessed', (_case, line, reason) => {
    expect(parseUnitLine(line, names)).toEqual(refused(reason));
  });
});

describe('parseUnitLines', () => {
  it('when a sloppy list is pasted, then every line is read and line numbers count blank lines', () => {
    const text = 'Khối 1; 120\r\n\r\nKhối 2: 1.050 hộ\nKhối 3 - 98\nKhối 4, 230\nKhối 5\t77\nKhối 6\nTổ dân phố số 3';
    expect(parseUnitLines(text)).toEqual({
      units: [
        { name: 'Khối 1', households: 120 },
        { name: 'Khối 2', households: 1050 },
        { name: 'Khối 3', households: 98 },
        { name: 'Khối 4', households: 230 },
        { name: 'Khối 5', households: 77 },
        { name: 'Khối 6', households: null },
        { name: 'Tổ dân phố số 3', households: null },
      ],
      errors: [],
    });
  });

  it('when lines are bad or repeat a name, then each is reported with its line number and reason', () => {
    const { units, errors } = parseUnitLines('Khối 1; 12a\n; 5\nKhối 2\nkhối 2: 40\nKhối 3; 0');
    expect(units).toEqual([{ name: 'Khối 2', households: null }]);
    expect(errors).toEqual([
      { lineNo: 1, line: 'Khối 1; 12a', reason: 'households-invalid' },
      { lineNo: 2, line: '; 5', reason: 'name-missing' },
      { lineNo: 4, line: 'khối 2: 40', reason: 'duplicate' },
      { lineNo: 5, line: 'Khối 3; 0', reason: 'households-out-of-range' },
    ]);
  });

  it('when names are pasted for a non-residential kind, then the options reach every line', () => {
    const { units, errors } = parseUnitLines('Trường Mầm non Hoa Sen\nCông chức Văn phòng - Thống kê\nTrạm Y tế; 3', { households: false });
    expect(units.map((u) => u.name)).toEqual(['Trường Mầm non Hoa Sen', 'Công chức Văn phòng - Thống kê']);
    expect(errors).toEqual([{ lineNo: 3, line: 'Trạm Y tế; 3', reason: 'households-not-expected' }]);
  });
});
