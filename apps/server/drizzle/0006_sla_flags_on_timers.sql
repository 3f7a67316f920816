DROP INDEX "sla_timers_due_idx";--> statement-breakpoint
ALTER TABLE "sla_timers" ALTER COLUMN "due_at" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sla_timers" ADD COLUMN "overdue" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "sla_timers_due_idx" ON "sla_timers" USING btree ("due_at") WHERE "sla_timers"."due_at" is not null;--> statement-breakpoint
-- The overdue flags move from work_orders onto each clock's timer row: a breach then writes one narrow row.
-- Breached clocks keep their rows (stopped ones with due_at null), so no flag is lost.
UPDATE "sla_timers" t SET "overdue" = true FROM "work_orders" w
  WHERE w."id" = t."work_order_id" AND ((t."clock" = 'response' AND w."response_overdue") OR (t."clock" = 'resolution' AND w."resolution_overdue"));--> statement-breakpoint
INSERT INTO "sla_timers" ("work_order_id", "clock", "stage", "due_at", "start_at", "deadline_at", "overdue")
  SELECT w."id", c."clock", 'overdue', NULL, w."created_at", coalesce(CASE WHEN c."clock" = 'response' THEN w."response_due_at" ELSE w."resolution_due_at" END, w."created_at"), true
  FROM "work_orders" w CROSS JOIN (VALUES ('response'), ('resolution')) AS c("clock")
  WHERE (c."clock" = 'response' AND w."response_overdue") OR (c."clock" = 'resolution' AND w."resolution_overdue")
  ON CONFLICT ("work_order_id", "clock") DO NOTHING;--> statement-breakpoint
ALTER TABLE "work_orders" DROP COLUMN "response_overdue";--> statement-breakpoint
ALTER TABLE "work_orders" DROP COLUMN "resolution_overdue";