import type { Db } from '../../src/core/db.js';
import type { OfficeKind } from '../../src/core/schema.js';
import { nameOffice } from './offices.js';

type Term = 'thon' | 'to-dan-pho' | 'ap';

export interface SeededCommune {
  id: number;
  admin: number;
  leaders: number[];
  units: { id: number; name: string }[];
}

/** Telegram ids: the province's admin and official. */
export const PROVINCE_PEOPLE = { admin: 1001, official: 1002 } as const;

const COMMUNES: { name: string; kind: OfficeKind; term: Term; unit: string }[] = [
  { name: 'Sơn Thủy', kind: 'xa', term: 'thon', unit: 'Thôn' },
  { name: 'Đông Hà', kind: 'phuong', term: 'to-dan-pho', unit: 'Tổ dân phố' },
  { name: 'Tân Phú', kind: 'xa', term: 'ap', unit: 'Ấp' },
];

/**
 * Office 1 becomes tỉnh Quảng Trị with its admin and an official; under it three communes (one says
 * "thôn", one "tổ dân phố", one "ấp"), each with two residential units of 100 and 80 households,
 * their leaders and one admin. Telegram ids: commune n's admin 4n01, its leaders 5n01, 5n02.
 */
export async function seedProvince(db: Db): Promise<SeededCommune[]> {
  await nameOffice(db, 1, { name: 'Quảng Trị', kind: 'tinh', officeName: 'UBND tỉnh Quảng Trị' });
  const person = (office: number, tg: number, role: 'admin' | 'official' | 'leader', name: string) =>
    db.insertInto('members').values({ office_id: office, telegram_id: tg, chat_id: tg, display_name: name, username: null, locale: null, role }).returning('id').executeTakeFirstOrThrow();
  const out: SeededCommune[] = [];
  for (const [i, c] of COMMUNES.entries()) {
    const n = i + 1;
    const { id } = await db.insertInto('offices').values({ name: c.name, kind: c.kind, parent_id: 1 }).returning('id').executeTakeFirstOrThrow();
    await nameOffice(db, id, { name: c.name, kind: c.kind, officeName: `UBND ${c.kind === 'xa' ? 'xã' : 'phường'} ${c.name}`, term: c.term });
    const admin = 4001 + n * 100;
    await person(id, admin, 'admin', `Quản trị ${c.name}`);
    const units = [];
    const leaders = [];
    for (const [j, households] of [100, 80].entries()) {
      const unit = await db.insertInto('units').values({ office_id: id, kind: 'block', name: `${c.unit} ${j + 1}`, households }).returning(['id', 'name']).executeTakeFirstOrThrow();
      const tg = 5001 + n * 100 + j;
      const leader = await person(id, tg, 'leader', `Trưởng ${c.unit.toLowerCase()} ${j + 1} ${c.name}`);
      await db.insertInto('unit_members').values({ unit_id: unit.id, member_id: leader.id, position: 'leader' }).execute();
      units.push(unit);
      leaders.push(tg);
    }
    out.push({ id, admin, leaders, units });
  }
  await person(1, PROVINCE_PEOPLE.admin, 'admin', 'Quản trị tỉnh');
  await person(1, PROVINCE_PEOPLE.official, 'official', 'Chánh văn phòng tỉnh');
  return out;
}
