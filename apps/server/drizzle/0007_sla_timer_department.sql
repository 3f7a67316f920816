ALTER TABLE "sla_timers" ADD COLUMN "department_id" uuid;--> statement-breakpoint
UPDATE "sla_timers" t SET "department_id" = w."department_id" FROM "work_orders" w WHERE w."id" = t."work_order_id" AND w."department_id" IS NOT NULL;
