CREATE TABLE "procedure_rules" (
	"id" text PRIMARY KEY DEFAULT 'default' NOT NULL,
	"return_window_hours" integer DEFAULT 24 NOT NULL,
	"max_returns" integer DEFAULT 2 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_order_stretches" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"work_order_id" uuid NOT NULL,
	"holder" text NOT NULL,
	"department_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"response_due_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"resolution_breached" boolean DEFAULT false NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	CONSTRAINT "work_order_stretches_holder_check" CHECK ("work_order_stretches"."holder" in ('command_center', 'department'))
);
--> statement-breakpoint
CREATE TABLE "work_order_time_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_order_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"days" integer,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"deadline_before" timestamp with time zone,
	"deadline_after" timestamp with time zone,
	"ended_at" timestamp with time zone,
	CONSTRAINT "work_order_time_requests_kind_check" CHECK ("work_order_time_requests"."kind" in ('extension', 'suspension')),
	CONSTRAINT "work_order_time_requests_status_check" CHECK ("work_order_time_requests"."status" in ('pending', 'approved', 'refused', 'ended'))
);
--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "paused_start_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "work_order_stretches_order_idx" ON "work_order_stretches" USING btree ("work_order_id","id");--> statement-breakpoint
CREATE INDEX "work_order_stretches_dept_idx" ON "work_order_stretches" USING btree ("department_id","started_at");--> statement-breakpoint
CREATE INDEX "work_order_time_requests_order_idx" ON "work_order_time_requests" USING btree ("work_order_id","requested_at");--> statement-breakpoint
CREATE INDEX "work_order_time_requests_pending_idx" ON "work_order_time_requests" USING btree ("requested_at") WHERE "work_order_time_requests"."status" = 'pending';--> statement-breakpoint
-- Orders open at this migration get one stretch: whoever holds them now, from their creation (the hand-overs before
-- it were not recorded stretch by stretch).
INSERT INTO "work_order_stretches" ("work_order_id", "holder", "department_id", "started_at", "response_due_at", "responded_at")
SELECT "id", CASE WHEN "department_id" IS NULL THEN 'command_center' ELSE 'department' END, "department_id", "created_at",
  coalesce("response_due_at", "created_at"), "responded_at"
FROM "work_orders" WHERE "status" IN ('pending', 'dispatched', 'handling', 'awaiting_material', 'resolved');
