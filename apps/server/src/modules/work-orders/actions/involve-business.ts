import { AppError } from '../../../platform/errors.js';
import { scheduleBusinessAnswer } from '../decision-limits.js';
import * as store from '../work-orders.store.js';
import { orderRef } from './notices.js';
import type { TActionDef } from './types.js';

/**
 * The department asks the business concerned to answer: from now on its accounts see the order. The request is
 * addressed to the business (visibility business): the tourist does not read the exchange with the shop.
 */
export const involveBusiness: TActionDef<'involve_business'> = {
  command: 'work-order.business-involved',
  visibility: () => 'business',
  async effects(c) {
    const { o } = c;
    if (!o.businessId) throw new AppError('business_not_found', 422, 'businessId');
    for (const id of await store.businessAccountIds(c.tx, o.businessId))
      c.outbox.notify(
        { userId: id },
        {
          kind: 'involved',
          titleZh: `请答复工单 ${o.trackingNo}`,
          titleEn: `Please answer order ${o.trackingNo}`,
          ...orderRef(c),
        },
      );
    // the business answers within 10 days (旅游投诉处理办法), chased on the deadline engine
    await scheduleBusinessAnswer(c.tx, o.id, c.now);
    return { businessInvolved: true };
  },
};
