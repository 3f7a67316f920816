import type { FastifyInstance } from 'fastify';
import { createReadCache } from '../../platform/read-cache.js';
import type { TModuleDeps } from '../deps.js';
import { createBookingService } from './bookings.service.js';
import { createGateService } from './gate.service.js';
import { createReportService } from './reports.service.js';
import { reservationRoutes } from './reservations.routes.js';
import { createReservationService } from './reservations.service.js';
import { createIdentityProtector } from './visitor-identity.js';

export { dailyCapacityFor, occupancyLevel } from './capacity.js';
export { bookingRefsByIds } from './reservations.store.js';

/** Registers the reservation routes (分时预约); answers the services for other modules and tests. */
export async function registerReservations(app: FastifyInstance, deps: TModuleDeps) {
  const db = deps.database.db;
  // Ticket pages are read by polling phones: each ticket's rows for a second, evicted by this process's
  // cancel, check-in and closed-day voiding.
  const tickets = createReadCache(1000);
  const spots = createReservationService({
    db,
    clock: deps.clock,
    events: deps.events,
    onTicketsChange: (ids) => {
      for (const id of ids) tickets.evict(id);
    },
  });
  const bookings = createBookingService({
    db,
    clock: deps.clock,
    protector: createIdentityProtector(deps.config.piiKey),
    onChange: spots.changed,
    tickets,
    warn: (failure) => app.log.warn({ failure }, 'booking batch failed; its bookings went the one-booking way'),
  });
  const gate = createGateService({
    db,
    clock: deps.clock,
    events: deps.events,
    onOccupancy: spots.publishOccupancy,
    onTicketChange: (id) => tickets.evict(id),
  });
  const reports = createReportService({ db, clock: deps.clock });
  await app.register(reservationRoutes(spots, bookings, gate, reports));
  return { spots, bookings, gate };
}
