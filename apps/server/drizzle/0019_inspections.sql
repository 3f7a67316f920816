CREATE TABLE "checklists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"topic" text NOT NULL,
	"business_kind" text,
	"items" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hazard_no" text NOT NULL,
	"inspection_id" uuid NOT NULL,
	"business_id" uuid NOT NULL,
	"grid_id" uuid,
	"region_code" text NOT NULL,
	"department_id" uuid,
	"item_key" text NOT NULL,
	"item_text" text NOT NULL,
	"item_text_en" text DEFAULT '' NOT NULL,
	"legal_basis" text DEFAULT '' NOT NULL,
	"severity" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"overdue_at" timestamp with time zone,
	"supervisor_user_id" uuid,
	"answer_text" text,
	"answer_photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_on_time" boolean,
	"work_order_id" uuid,
	"referral_no" text,
	"referral_note" text,
	"referred_at" timestamp with time zone,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hazards_hazard_no_unique" UNIQUE("hazard_no"),
	CONSTRAINT "hazards_referral_no_unique" UNIQUE("referral_no"),
	CONSTRAINT "hazards_status_ck" CHECK ("hazards"."status" in ('open', 'answered', 'closed')),
	CONSTRAINT "hazards_severity_ck" CHECK ("hazards"."severity" in ('major', 'general', 'minor'))
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"business_id" uuid NOT NULL,
	"grid_id" uuid,
	"region_code" text NOT NULL,
	"department_id" uuid,
	"inspector_user_id" uuid,
	"team_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"checklist_id" uuid NOT NULL,
	"draw_task_id" uuid,
	"reinspects_hazard_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"lng" double precision,
	"lat" double precision,
	"distance_m" integer,
	"far_from_business" boolean DEFAULT false NOT NULL,
	"night" boolean NOT NULL,
	"weekend" boolean NOT NULL,
	"result" text NOT NULL,
	"results" jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"confirmed_by_name" text,
	"confirmed_at" timestamp with time zone,
	"confirmed_via" text,
	"published_at" timestamp with time zone,
	CONSTRAINT "inspections_kind_ck" CHECK ("inspections"."kind" in ('patrol', 'campaign', 'random_draw', 'mystery', 'reinspection')),
	CONSTRAINT "inspections_result_ck" CHECK ("inspections"."result" in ('pass', 'fail'))
);
--> statement-breakpoint
CREATE TABLE "interviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"department_id" uuid,
	"incident" text NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"participants" jsonb NOT NULL,
	"minutes" text NOT NULL,
	"commitments" jsonb NOT NULL,
	"follow_up_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_days" (
	"severity" text NOT NULL,
	"days" integer NOT NULL,
	CONSTRAINT "rectification_days_severity_pk" PRIMARY KEY("severity"),
	CONSTRAINT "rectification_days_ck" CHECK ("rectification_days"."days" between 1 and 90)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "checklists_code_version_uq" ON "checklists" USING btree ("code","version");--> statement-breakpoint
CREATE INDEX "hazards_business_idx" ON "hazards" USING btree ("business_id","created_at");--> statement-breakpoint
CREATE INDEX "hazards_grid_idx" ON "hazards" USING btree ("grid_id","created_at");--> statement-breakpoint
CREATE INDEX "hazards_department_idx" ON "hazards" USING btree ("department_id","created_at");--> statement-breakpoint
CREATE INDEX "hazards_inspection_idx" ON "hazards" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "inspections_business_idx" ON "inspections" USING btree ("business_id","submitted_at");--> statement-breakpoint
CREATE INDEX "inspections_grid_idx" ON "inspections" USING btree ("grid_id","submitted_at");--> statement-breakpoint
CREATE INDEX "inspections_department_idx" ON "inspections" USING btree ("department_id","submitted_at");--> statement-breakpoint
CREATE INDEX "inspections_inspector_idx" ON "inspections" USING btree ("inspector_user_id","submitted_at");--> statement-breakpoint
CREATE INDEX "interviews_business_idx" ON "interviews" USING btree ("business_id","held_at");