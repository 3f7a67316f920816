CREATE TABLE "draw_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"department_ids" uuid[] NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"county_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"grades" text[] DEFAULT '{}'::text[] NOT NULL,
	"ratios" jsonb NOT NULL,
	"inspectors_per_target" integer DEFAULT 2 NOT NULL,
	"task_working_days" integer DEFAULT 20 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"frozen_at" timestamp with time zone,
	"target_pool" text,
	"inspector_pool" text,
	"target_pool_size" integer,
	"inspector_pool_size" integer,
	"plan_hash" text,
	"target_pool_hash" text,
	"inspector_pool_hash" text,
	"public_value" text,
	"seed" text,
	"algorithm" text,
	"result" jsonb,
	"drawn_at" timestamp with time zone,
	"drawn_by" uuid,
	CONSTRAINT "draw_plans_status_ck" CHECK ("draw_plans"."status" in ('draft', 'frozen', 'drawn')),
	CONSTRAINT "draw_plans_inspectors_ck" CHECK ("draw_plans"."inspectors_per_target" >= 2),
	CONSTRAINT "draw_plans_period_ck" CHECK ("draw_plans"."period_end" >= "draw_plans"."period_start")
);
--> statement-breakpoint
CREATE TABLE "draw_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"business_id" uuid NOT NULL,
	"grade" text NOT NULL,
	"inspector_ids" uuid[] NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"result" text,
	"problems" text,
	"handling" text,
	"inspected_at" timestamp with time zone,
	"inspection_id" uuid,
	"completed_by" uuid,
	"completed_at" timestamp with time zone,
	"publish_by" timestamp with time zone,
	"published_at" timestamp with time zone,
	CONSTRAINT "draw_tasks_status_ck" CHECK ("draw_tasks"."status" in ('open', 'done', 'published')),
	CONSTRAINT "draw_tasks_result_ck" CHECK ("draw_tasks"."result" is null or "draw_tasks"."result" in ('compliant', 'rectify', 'referred', 'not_found')),
	CONSTRAINT "draw_tasks_done_ck" CHECK ("draw_tasks"."status" = 'open' or ("draw_tasks"."result" is not null and "draw_tasks"."inspected_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "inspector_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"certificate_no" text NOT NULL,
	"department_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspector_certificates_user_id_unique" UNIQUE("user_id"),
	CONSTRAINT "inspector_certificates_certificate_no_unique" UNIQUE("certificate_no"),
	CONSTRAINT "inspector_certificates_validity_ck" CHECK ("inspector_certificates"."valid_until" >= "inspector_certificates"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "inspector_relations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"business_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"declared_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "draw_tasks" ADD CONSTRAINT "draw_tasks_plan_id_draw_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."draw_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "draw_plans_created_idx" ON "draw_plans" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "draw_plans_departments_idx" ON "draw_plans" USING gin ("department_ids");--> statement-breakpoint
CREATE UNIQUE INDEX "draw_tasks_plan_business_idx" ON "draw_tasks" USING btree ("plan_id","business_id");--> statement-breakpoint
CREATE INDEX "draw_tasks_inspectors_idx" ON "draw_tasks" USING gin ("inspector_ids");--> statement-breakpoint
CREATE INDEX "draw_tasks_published_idx" ON "draw_tasks" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "inspector_certificates_department_idx" ON "inspector_certificates" USING btree ("department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspector_relations_pair_idx" ON "inspector_relations" USING btree ("user_id","business_id");--> statement-breakpoint
CREATE INDEX "inspector_relations_business_idx" ON "inspector_relations" USING btree ("business_id");