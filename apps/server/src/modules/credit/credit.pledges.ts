import type { TPledge } from '@zhilv/contracts';
import type { TDb } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { claimIdempotencyKey, hashRequest, storeIdempotentAnswer } from '../../platform/idempotency.js';
import { recordCreditEvent } from './credit.events.js';
import { canFile } from './credit.policy.js';
import * as store from './credit.store.js';
import { pledgeView } from './credit.view.js';

/** 信用承诺: a business signs a template online (shown on its public record); a department finds one broken → event. */
export function createPledgeService({ db, clock }: { db: TDb; clock: TClock }) {
  async function templates() {
    return (await store.listTemplates(db)).map((t) => ({
      id: t.id,
      code: t.code,
      title: t.title,
      titleEn: t.titleEn,
      body: t.body,
      bodyEn: t.bodyEn,
    }));
  }

  /** Signs online; under an Idempotency-Key a replay answers the first call's list and writes nothing. */
  async function sign(actor: TActor, templateId: string, key?: string): Promise<TPledge[]> {
    if (actor.role !== 'business' || !actor.businessId) throw forbidden();
    const businessId = actor.businessId;
    return db.transaction(async (tx) => {
      const now = clock.now();
      if (key) {
        const prior = await claimIdempotencyKey<TPledge[]>(tx, key, actor.id!, hashRequest({ templateId }), now);
        if (prior) return prior;
      }
      const t = await store.getTemplate(tx, templateId);
      if (!t?.active) throw invalid('validation_failed', 'templateId');
      const p = await store.insertPledge(tx, { businessId, templateId, signedBy: actor.id, signedAt: now });
      if (!p) throw conflict('pledge_already_signed', 'templateId');
      await writeAudit(
        tx,
        actor,
        { action: 'credit_pledge.sign', objectType: 'credit_pledge', objectId: p.id, after: { templateId } },
        now,
      );
      const answer = (await store.pledgesOf(tx, businessId)).map(pledgeView);
      if (key) await storeIdempotentAnswer(tx, key, actor.id!, answer);
      return answer;
    });
  }

  async function breakPledge(actor: TActor, id: string, note: string) {
    if (!canFile(actor, 'break_pledge', { type: 'business', id: '' })) throw forbidden();
    return db.transaction(async (tx) => {
      const now = clock.now();
      const p = await store.lockPledge(tx, id);
      if (!p) throw notFound();
      if (p.status !== 'in_force') throw conflict('pledge_already_broken');
      const event = await recordCreditEvent(tx, {
        businessId: p.businessId,
        ruleCode: 'pledge_broken',
        evidence: { type: 'pledge', id: p.id },
        departmentId: actor.departmentId,
        effectiveAt: now,
        note,
        actor,
      });
      await store.updatePledge(tx, id, { status: 'broken', brokenAt: now, brokenNote: note, eventId: event?.id });
      await writeAudit(
        tx,
        actor,
        {
          action: 'credit_pledge.break',
          objectType: 'credit_pledge',
          objectId: id,
          before: { status: p.status },
          after: { status: 'broken', note },
        },
        now,
      );
      return { id, eventId: event?.id ?? null };
    });
  }

  return { templates, sign, breakPledge };
}
