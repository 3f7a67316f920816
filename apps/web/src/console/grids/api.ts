import type { TGridEmployment, TGridMemberRole } from '@zhilv/contracts';

export type TGridRow = {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  regionCode: string;
  regionName: string | null;
  leaderUserId: string | null;
  leaderName: string | null;
  businessCount: number;
  memberCount: number;
  memberNames: string | null;
};
export type TGridMemberRow = {
  userId: string;
  role: TGridMemberRole;
  employment: TGridEmployment;
  displayName: string;
};
export type TGridBusiness = {
  id: string;
  name: string;
  nameEn: string | null;
  kind: string;
  aLevel: number | null;
  address: string;
  lng: number | null;
  lat: number | null;
  guarantorUserId: string | null;
  guarantorName: string | null;
};
export type TGridDetail = Omit<TGridRow, 'businessCount' | 'memberCount' | 'memberNames'> & {
  members: TGridMemberRow[];
  businesses: TGridBusiness[];
  can: { edit: boolean };
};
export type TCandidate = { id: string; displayName: string; role: string };
