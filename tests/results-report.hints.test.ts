import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readReportHints } from '../src/results-report/report-hints.js';

const SAMPLE = readFileSync(new URL('./fixtures/plans/sample-plan.vi.txt', import.meta.url), 'utf8');

describe('report hints from an imported plan', () => {
  it('when the plan lost its header block, then no office is taken from a sentence of its body, only the signer from the sign-off', () => {
    // The body says "Ủy ban nhân dân thị trấn Cao Lộc xây dựng Kế hoạch" and "của UBND huyện Cao Lộc và Kế hoạch 138-KH/ĐU".
    expect(readReportHints(SAMPLE, 'Cao Lộc')).toEqual({ officeName: null, parentBody: null, place: 'Cao Lộc', signerTitle: 'PHÓ CHỦ TỊCH', signerName: 'Lê Văn Mạnh' });
  });

  it('when the header block names both committees in capitals, then they are offered in sentence case', () => {
    const text = 'UBND HUYỆN CAO LỘC\nUBND THỊ TRẤN CAO LỘC\nSố: 45/TB-UBND\nCao Lộc, ngày 02 tháng 6 năm 2023\nTHÔNG BÁO\nVề việc treo cờ\nThực hiện ... của UBND huyện Cao Lộc và Kế hoạch ..., UBND thị trấn Cao Lộc xây dựng\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn Mạnh';
    expect(readReportHints(text, null)).toEqual({
      officeName: 'UBND thị trấn Cao Lộc',
      parentBody: 'UBND huyện Cao Lộc',
      place: 'Cao Lộc',
      signerTitle: 'PHÓ CHỦ TỊCH',
      signerName: 'Lê Văn Mạnh',
    });
  });

  it('when a body sentence starts a line with a committee and lower-case words follow, then it is not a name', () => {
    const text = 'THÔNG BÁO\nVề việc treo cờ\nUBND xã Tân Lập đề nghị các thôn treo cờ\nUBND huyện Cao Lộc và Kế hoạch số 5\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An';
    expect(readReportHints(text, null)).toEqual({ officeName: null, parentBody: null, place: null, signerTitle: 'CHỦ TỊCH', signerName: 'Nguyễn Văn An' });
  });

  it('when only the sign-off names the committee ("TM. ỦY BAN NHÂN DÂN XÃ …"), then that is the office', () => {
    const text = 'THÔNG BÁO\nVề việc treo cờ Tổ quốc\nĐề nghị các thôn treo cờ.\nTM. ỦY BAN NHÂN DÂN XÃ TÂN LẬP\nCHỦ TỊCH\nNguyễn Văn An';
    expect(readReportHints(text, null).officeName).toBe('UBND xã Tân Lập');
  });
});
