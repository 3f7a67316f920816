-- Work orders are updated many times in their life (status, clocks, flags). Leaving a fifth of each page free
-- lets PostgreSQL update them in place (HOT), without touching the six indexes: the SLA sweeper's mass
-- updates and every action on an order get cheaper.
ALTER TABLE "work_orders" SET (fillfactor = 80);
