-- A timer is one clock of one order: the pair is its key. Dropping the surrogate id (and its primary key) first
-- frees the constraint name; every insert then maintains one index less.
ALTER TABLE "sla_timers" DROP COLUMN "id";--> statement-breakpoint
DROP INDEX "sla_timers_order_clock_uq";--> statement-breakpoint
ALTER TABLE "sla_timers" ADD CONSTRAINT "sla_timers_pkey" PRIMARY KEY("work_order_id","clock");
