import { accept } from './accept.js';
import { businessReply } from './business-reply.js';
import { dispatch } from './dispatch.js';
import { dispute, reviewDispute } from './disputes.js';
import { followUp } from './follow-up.js';
import { involveBusiness } from './involve-business.js';
import { merge } from './merge.js';
import { rate } from './rate.js';
import { reply } from './reply.js';
import { requestMaterial } from './request-material.js';
import { resolve } from './resolve.js';
import { returnOrder } from './return.js';
import { supplyMaterial } from './supply-material.js';
import { decideTime, endSuspension, requestTime } from './time-requests.js';
import { transfer } from './transfer.js';
import type { TActionDef, TActionName } from './types.js';
import { unfounded } from './unfounded.js';
import { urge } from './urge.js';

export type { TActionCtx, TActionDef, TActionName, TActionPayload, TPayloadOf } from './types.js';

/** Every action a person can take on an order, one file each. */
export const ACTIONS: { [A in TActionName]: TActionDef<A> } = {
  dispatch,
  accept,
  return: returnOrder,
  transfer,
  request_material: requestMaterial,
  supply_material: supplyMaterial,
  involve_business: involveBusiness,
  business_reply: businessReply,
  reply,
  resolve,
  rate,
  urge,
  merge,
  unfounded,
  request_time: requestTime,
  decide_time: decideTime,
  end_suspension: endSuspension,
  follow_up: followUp,
  dispute,
  review_dispute: reviewDispute,
};
