CREATE TABLE "work_order_disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_order_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"redispatched_to" uuid,
	CONSTRAINT "work_order_disputes_status_check" CHECK ("work_order_disputes"."status" in ('pending', 'upheld', 'accepted'))
);
--> statement-breakpoint
ALTER TABLE "procedure_rules" ADD COLUMN "auto_close_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "refusal_ground" text;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "finding" text;--> statement-breakpoint
CREATE INDEX "work_order_disputes_order_idx" ON "work_order_disputes" USING btree ("work_order_id","requested_at");--> statement-breakpoint
CREATE INDEX "work_order_disputes_pending_idx" ON "work_order_disputes" USING btree ("requested_at") WHERE "work_order_disputes"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "work_orders_resolved_idx" ON "work_orders" USING btree ("resolved_at") WHERE "work_orders"."status" = 'resolved';