import {
  text,
  ZAvailabilityQuery,
  ZCheckInRequest,
  ZCloseDayRequest,
  ZCreateBookingRequest,
  ZCreateGateDeviceRequest,
  ZDay,
  ZFlowReportQuery,
  ZGatePassRequest,
  ZProxyBookingRequest,
  ZPublishSlotsRequest,
  ZRecordFlowReportRequest,
  ZSlotQuotaRequest,
  ZSpotSettingsRequest,
} from '@zhilv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PUBLIC, roles } from '../../plugins/access.js';
import { requiredIdempotencyKey } from '../../plugins/submissions.js';
import type { TBookingService } from './bookings.service.js';
import type { TGateService } from './gate.service.js';
import type { TReportService } from './reports.service.js';
import type { TReservationService } from './reservations.service.js';

const tags = ['reservations'];
const ZSpotParams = z.object({ spotId: text().uuid() });
const ZIdParams = z.object({ id: text().uuid() });
const ZDayParams = z.object({ spotId: text().uuid(), day: ZDay });
/** Staff of the spot (its business account) and the system admin configure it; the policy file checks "of the spot". */
const SPOT_STAFF = roles('business', 'system_admin');

const ZDailyReportQuery = z.object({
  from: ZDay,
  to: ZDay,
  spotId: text().uuid().optional(),
  lang: text().optional(),
});
/** The command center, the system admin and the spots' own accounts (the service narrows them to their spot). */
const REPORT_READERS = roles('dispatcher', 'leader', 'system_admin', 'business');

export function reservationRoutes(
  spots: TReservationService,
  bookings: TBookingService,
  gate: TGateService,
  reports: TReportService,
) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const publicRead = { policy: PUBLIC, rateLimit: { max: 300, timeWindow: '1 minute' } };

    r.get('/api/reservations/spots', { schema: { tags }, config: publicRead, handler: () => spots.listSpots() });

    r.get('/api/reservations/spots/:spotId', {
      schema: { tags, params: ZSpotParams },
      config: publicRead,
      handler: (req) => spots.getSettings(req.params.spotId),
    });

    r.put('/api/reservations/spots/:spotId', {
      schema: { tags, params: ZSpotParams, body: ZSpotSettingsRequest },
      config: { policy: SPOT_STAFF },
      handler: (req) => spots.saveSettings(req.actor, req.params.spotId, req.body),
    });

    r.get('/api/reservations/spots/:spotId/availability', {
      schema: { tags, params: ZSpotParams, querystring: ZAvailabilityQuery },
      config: publicRead,
      handler: (req) => spots.availability(req.params.spotId, req.query.from, req.query.days),
    });

    r.get('/api/reservations/spots/:spotId/occupancy', {
      schema: { tags, params: ZSpotParams },
      config: publicRead,
      handler: (req) => spots.getOccupancy(req.params.spotId),
    });

    // Live occupancy (server-sent events) for the command center and the spots' own staff; each event is
    // filtered per subscriber (mayWatchOccupancy), so a spot's account receives only its own spot.
    r.get('/api/reservations/occupancy/stream', {
      schema: { tags, hide: true },
      config: { policy: roles('dispatcher', 'leader', 'business') },
      handler: async (req, reply) => app.events.stream(req, reply, 'occupancy'),
    });

    r.get('/api/reservations/reports/daily', {
      schema: { tags, querystring: ZDailyReportQuery },
      config: { policy: REPORT_READERS },
      handler: (req) => reports.daily(req.actor, req.query),
    });

    r.get('/api/reservations/reports/daily/export', {
      schema: { tags, querystring: ZDailyReportQuery },
      config: { policy: REPORT_READERS },
      handler: async (req, reply) => {
        const buf = await reports.exportDaily(req.actor, req.query);
        const name = `daily-report-${req.query.from}-${req.query.to}.xlsx`;
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`客流日报-${name}`)}`,
          )
          .send(buf);
      },
    });

    r.post('/api/reservations/spots/:spotId/slots', {
      schema: { tags, params: ZSpotParams, body: ZPublishSlotsRequest },
      config: { policy: SPOT_STAFF },
      handler: (req) => spots.publishSlots(req.actor, req.params.spotId, req.body),
    });

    r.put('/api/reservations/slots/:id/quota', {
      schema: { tags, params: ZIdParams, body: ZSlotQuotaRequest },
      config: { policy: SPOT_STAFF },
      handler: (req) => spots.setSlotQuota(req.actor, req.params.id, req.body.quota),
    });

    r.put('/api/reservations/spots/:spotId/closed-days/:day', {
      schema: { tags, params: ZDayParams, body: ZCloseDayRequest },
      config: { policy: SPOT_STAFF },
      handler: (req) => spots.closeDay(req.actor, req.params.spotId, req.params.day, req.body.reason),
    });

    r.delete('/api/reservations/spots/:spotId/closed-days/:day', {
      schema: { tags, params: ZDayParams },
      config: { policy: SPOT_STAFF },
      handler: (req) => spots.reopenDay(req.actor, req.params.spotId, req.params.day),
    });

    r.get('/api/reservations/spots/:spotId/devices', {
      schema: { tags, params: ZSpotParams },
      config: { policy: SPOT_STAFF },
      handler: (req) => gate.listDevices(req.actor, req.params.spotId),
    });

    r.post('/api/reservations/spots/:spotId/devices', {
      schema: { tags, params: ZSpotParams, body: ZCreateGateDeviceRequest },
      config: { policy: SPOT_STAFF },
      handler: async (req, reply) =>
        reply.status(201).send(await gate.createDevice(req.actor, req.params.spotId, req.body.name)),
    });

    r.post('/api/reservations/devices/:id/revoke', {
      schema: { tags, params: ZIdParams },
      config: { policy: SPOT_STAFF },
      handler: (req) => gate.revokeDevice(req.actor, req.params.id),
    });

    // 代预约: a walk-in or offline visitor booked by the spot's gate staff or a station's volunteer (issue 18 §4).
    r.post('/api/reservations/slots/:id/proxy-bookings', {
      schema: { tags, params: ZIdParams, body: ZProxyBookingRequest },
      config: {
        policy: roles('business', 'volunteer'),
        idempotent: 'required',
        rateLimit: { max: 60, timeWindow: '1 minute' },
      },
      handler: async (req, reply) => {
        const booking = await bookings.proxyBook(req.actor, req.params.id, req.body, requiredIdempotencyKey(req));
        return reply.status(201).send(booking);
      },
    });

    // The report to the local government each warning level calls for, recorded by the command center.
    r.get('/api/reservations/flow-reports', {
      schema: { tags, querystring: ZFlowReportQuery },
      config: { policy: REPORT_READERS },
      handler: (req) => spots.listFlowReports(req.actor, req.query.spotId),
    });

    r.post('/api/reservations/flow-reports/:id/record', {
      schema: { tags, params: ZIdParams, body: ZRecordFlowReportRequest },
      config: { policy: roles('dispatcher') },
      handler: (req) => spots.recordFlowReport(req.actor, req.params.id, req.body),
    });

    r.post('/api/reservations/bookings', {
      schema: { tags, body: ZCreateBookingRequest },
      config: {
        policy: roles('tourist'),
        consent: true,
        idempotent: 'required',
        rateLimit: { max: 30, timeWindow: '1 minute' },
      },
      handler: async (req, reply) => {
        const booking = await bookings.book(req.actor, req.body, requiredIdempotencyKey(req));
        return reply.status(201).send(booking);
      },
    });

    r.get('/api/reservations/bookings/mine', {
      schema: { tags },
      config: { policy: roles('tourist') },
      handler: (req) => bookings.listMine(req.actor),
    });

    r.get('/api/reservations/bookings/:id', {
      schema: { tags, params: ZIdParams },
      config: { policy: roles('tourist', 'business') },
      handler: (req) => bookings.get(req.actor, req.params.id),
    });

    r.post('/api/reservations/bookings/:id/cancel', {
      schema: { tags, params: ZIdParams },
      config: { policy: roles('tourist') },
      handler: (req) => bookings.cancel(req.actor, req.params.id),
    });

    r.post('/api/reservations/check-ins', {
      schema: { tags, body: ZCheckInRequest },
      config: { policy: roles('business'), rateLimit: { max: 600, timeWindow: '1 minute' } },
      handler: (req) => gate.checkIn(req.actor, req.body.ticketCode),
    });

    // Turnstiles have no session: the route is open at the session layer and the device key (header
    // X-Device-Key, hashed and looked up) is the credential; a missing or revoked key answers 401.
    r.post('/api/reservations/gate/passes', {
      schema: { tags, body: ZGatePassRequest, headers: z.object({ 'x-device-key': text().optional() }) },
      config: {
        policy: PUBLIC,
        // Per device, not per IP: a spot's turnstiles often share one address.
        rateLimit: {
          max: 1200,
          timeWindow: '1 minute',
          keyGenerator: (req) => String(req.headers['x-device-key'] ?? req.ip).slice(0, 200),
        },
      },
      handler: (req) => {
        const key = req.headers['x-device-key'];
        return gate.recordPass(typeof key === 'string' ? key : undefined, req.body.direction, req.body.count);
      },
    });
  };
}
