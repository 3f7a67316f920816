import { businessAnswered } from '../decision-limits.js';
import { toDepartment } from './notices.js';
import type { TActionDef } from './types.js';

/** The business answers the department (visibility business: the tourist hears from the department). */
export const businessReply: TActionDef<'business_reply'> = {
  command: 'work-order.business-replied',
  visibility: () => 'business',
  async effects(c) {
    const { o } = c;
    await businessAnswered(c.tx, o.id, c.now);
    if (o.departmentId)
      toDepartment(
        c,
        o.departmentId,
        'business_reply',
        `商户已答复 ${o.trackingNo}`,
        `Business answered ${o.trackingNo}`,
      );
    return {};
  },
};
