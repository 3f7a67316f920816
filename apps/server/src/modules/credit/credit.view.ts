import type {
  TCreditCategory,
  TCreditEvent,
  TCreditEvidenceType,
  TCreditRule,
  TDishonestEntry,
  TPledge,
  TPublicCreditEvent,
  TPublicDishonestEntry,
} from '@zhilv/contracts';
import { inForce } from './credit.score.js';
import type * as store from './credit.store.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const ruleView = (r: store.TRuleRow): TCreditRule => ({
  id: r.id,
  code: r.code,
  version: r.version,
  category: r.category as TCreditCategory,
  name: r.name,
  nameEn: r.nameEn,
  points: r.points,
  validityDays: r.validityDays,
  public: r.public,
  repairableByCommitment: r.repairableByCommitment,
  active: r.active,
  createdAt: r.createdAt.toISOString(),
});

type TEventJoin = Awaited<ReturnType<typeof store.eventsOf>>[number];

export const eventView = (x: TEventJoin, now: Date): TCreditEvent => ({
  id: x.e.id,
  ruleId: x.e.ruleId,
  ruleCode: x.e.ruleCode,
  ruleVersion: x.e.ruleVersion,
  ruleName: x.ruleName,
  ruleNameEn: x.ruleNameEn,
  category: x.e.category as TCreditCategory,
  points: x.e.points,
  evidenceType: x.e.evidenceType as TCreditEvidenceType,
  evidenceId: x.e.evidenceId,
  documentNo: x.e.documentNo,
  note: x.e.note,
  departmentName: x.departmentName,
  effectiveAt: x.e.effectiveAt.toISOString(),
  validUntil: iso(x.e.validUntil),
  public: x.e.public,
  repairedAt: iso(x.e.repairedAt),
  inForce: inForce(x.e, now),
});

/** What the public record shows of an event: no evidence ids (an order's number is the tourist's), no notes. */
export const publicEventView = (x: TEventJoin): TPublicCreditEvent => ({
  id: x.e.id,
  ruleName: x.ruleName,
  ruleNameEn: x.ruleNameEn,
  category: x.e.category as TCreditCategory,
  points: x.e.points,
  evidenceType: x.e.evidenceType as TCreditEvidenceType,
  documentNo: x.e.documentNo,
  departmentName: x.departmentName,
  effectiveAt: x.e.effectiveAt.toISOString(),
  validUntil: iso(x.e.validUntil),
});

type TEntryJoin = Awaited<ReturnType<typeof store.listEntries>>[number];

export const entryView = (
  x: TEntryJoin,
  repairs: store.TRepairRow[],
  proofs: ReadonlyMap<string, string[]> = new Map(),
): TDishonestEntry => ({
  id: x.e.id,
  businessId: x.e.businessId,
  businessName: x.businessName,
  tier: x.e.tier as 'serious' | 'minor',
  status: x.e.status as TDishonestEntry['status'],
  legalBasis: x.e.legalBasis,
  reason: x.e.reason,
  decisionNo: x.e.decisionNo,
  departmentName: x.departmentName,
  noticedAt: iso(x.e.noticedAt),
  objectionDueAt: iso(x.e.objectionDueAt),
  objection: x.e.objection,
  objectedAt: iso(x.e.objectedAt),
  objectionDecision: x.e.objectionDecision,
  objectionNote: x.e.objectionNote,
  listedAt: iso(x.e.listedAt),
  periodEndsAt: iso(x.e.periodEndsAt),
  exitedAt: iso(x.e.exitedAt),
  exitReason: x.e.exitReason,
  repairs: repairs
    .filter((r) => r.entryId === x.e.id)
    .map((r) => ({
      id: r.id,
      status: r.status as 'submitted' | 'approved' | 'rejected',
      proof: r.proof,
      proofFileIds: proofs.get(r.id) ?? [],
      commitment: r.commitment,
      trainingRecord: r.trainingRecord,
      dueAt: r.dueAt.toISOString(),
      decisionNote: r.decisionNote,
      decidedAt: iso(r.decidedAt),
      createdAt: r.createdAt.toISOString(),
    })),
});

/** The legally public fields of a listing (公示内容): who, why, on what basis, by whom, from when until when. */
export const publicEntryView = (x: TEntryJoin): TPublicDishonestEntry => ({
  id: x.e.id,
  businessName: x.businessName,
  businessNameEn: x.businessNameEn,
  uscc: x.uscc,
  tier: x.e.tier as 'serious' | 'minor',
  reason: x.e.reason,
  legalBasis: x.e.legalBasis,
  decisionNo: x.e.decisionNo,
  departmentName: x.departmentName,
  listedAt: x.e.listedAt!.toISOString(),
  periodEndsAt: x.e.periodEndsAt!.toISOString(),
});

type TPledgeJoin = Awaited<ReturnType<typeof store.pledgesOf>>[number];
export const pledgeView = (x: TPledgeJoin): TPledge => ({
  id: x.p.id,
  templateId: x.p.templateId,
  title: x.title,
  titleEn: x.titleEn,
  status: x.p.status as 'in_force' | 'broken',
  signedAt: x.p.signedAt.toISOString(),
  brokenAt: iso(x.p.brokenAt),
});
