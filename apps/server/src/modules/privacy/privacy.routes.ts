import type { TWorkOrderDetail } from '@zhilv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toXlsxBook } from '../../platform/excel.js';
import { roles } from '../../plugins/access.js';
import { clearSessionCookie } from '../../plugins/auth.js';
import type { TMyData, TPrivacyService } from './privacy.service.js';

const TOURIST = roles('tourist');
const col = (key: string, header: string, width = 18) => ({ key, header, width });

/** The export as a workbook: one sheet a kind, headers in both languages, times as ISO text. */
function workbook(d: TMyData) {
  const orders = d.workOrders as TWorkOrderDetail[];
  return toXlsxBook([
    {
      name: '账户 Account',
      columns: [
        col('phone', '手机号 Phone', 16),
        col('displayName', '昵称 Name', 16),
        col('consentVersion', '隐私政策版本 Consent version', 16),
        col('consentAt', '同意时间 Consented at', 24),
        col('createdAt', '注册时间 Registered at', 24),
        col('exportedAt', '导出时间 Exported at', 24),
      ],
      rows: [{ ...d.account, exportedAt: d.exportedAt }],
    },
    {
      name: '诉求 Appeals',
      columns: [
        col('trackingNo', '工单编号 Tracking no.', 20),
        col('kind', '类型 Kind', 12),
        col('status', '状态 Status', 12),
        col('businessName', '商户 Business', 24),
        col('text', '内容 Text', 60),
        col('answer', '答复 Answer', 60),
        col('satisfaction', '评价 Rating', 14),
        col('createdAt', '提交时间 Filed at', 24),
      ],
      rows: orders.map((o) => ({ ...o })),
    },
    {
      name: '预约 Bookings',
      columns: [
        col('spot', '景区 Spot', 24),
        col('day', '日期 Day', 12),
        col('startsAt', '开始 Starts', 24),
        col('partySize', '人数 Party', 8),
        col('status', '状态 Status', 12),
        col('visitors', '游客（已脱敏） Visitors (masked)', 40),
        col('createdAt', '预约时间 Booked at', 24),
      ],
      rows: d.bookings.map((b) => ({
        ...b,
        visitors: b.visitors.map((v) => `${v.name} ${v.idNumber}`).join('；'),
      })),
    },
    {
      name: '评价 Ratings',
      columns: [
        col('targetType', '对象类型 Target type', 14),
        col('target', '对象 Target', 24),
        col('day', '日期 Day', 12),
        col('overall', '总评 Overall', 8),
        col('comment', '留言 Comment', 50),
        col('createdAt', '评价时间 Rated at', 24),
      ],
      rows: d.ratings.map((r) => ({ ...r })),
    },
    {
      name: '退货 Returns',
      columns: [
        col('trackingNo', '编号 Tracking no.', 20),
        col('business', '商户 Business', 24),
        col('item', '商品 Item', 20),
        col('amountYuan', '金额（元） Amount (yuan)', 12),
        col('purchasedOn', '购买日期 Purchased on', 12),
        col('status', '状态 Status', 12),
        col('reason', '原因 Reason', 40),
        col('shopNote', '商户答复 Shop note', 40),
        col('createdAt', '申请时间 Filed at', 24),
      ],
      rows: d.returns.map((r) => ({ ...r })),
    },
  ]);
}

export function privacyRoutes(privacy: TPrivacyService) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['privacy'];

    r.get('/api/me/data', {
      schema: { tags, querystring: z.strictObject({ format: z.enum(['json', 'xlsx']).default('json') }) },
      config: { policy: TOURIST },
      handler: async (req, reply) => {
        const data = await privacy.exportData(req.actor, req.query.format);
        const day = data.exportedAt.slice(0, 10);
        reply.header('cache-control', 'no-store');
        if (req.query.format === 'xlsx')
          return reply
            .header('content-disposition', `attachment; filename="zhilv-my-data-${day}.xlsx"`)
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .send(await workbook(data));
        return reply.header('content-disposition', `attachment; filename="zhilv-my-data-${day}.json"`).send(data);
      },
    });

    r.delete('/api/me', {
      schema: { tags },
      config: { policy: TOURIST },
      handler: async (req, reply) => {
        await privacy.deleteAccount(req.actor);
        clearSessionCookie(reply);
        return reply.status(204).send();
      },
    });
  };
}
