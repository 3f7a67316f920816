CREATE TABLE "credit_evaluation_weights" (
	"version" integer PRIMARY KEY NOT NULL,
	"government" integer NOT NULL,
	"self_assessment" integer NOT NULL,
	"tourist" integer NOT NULL,
	"grade_a_min" integer NOT NULL,
	"grade_b_min" integer NOT NULL,
	"grade_c_min" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_evaluation_weights_sum_ck" CHECK ("credit_evaluation_weights"."government" + "credit_evaluation_weights"."self_assessment" + "credit_evaluation_weights"."tourist" = 100),
	CONSTRAINT "credit_evaluation_weights_grades_ck" CHECK ("credit_evaluation_weights"."grade_a_min" > "credit_evaluation_weights"."grade_b_min" and "credit_evaluation_weights"."grade_b_min" > "credit_evaluation_weights"."grade_c_min")
);
--> statement-breakpoint
CREATE TABLE "credit_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"weights_version" integer NOT NULL,
	"government" integer,
	"self_assessment" integer NOT NULL,
	"tourist" integer,
	"total" integer NOT NULL,
	"grade" text NOT NULL,
	"inputs" jsonb NOT NULL,
	"event_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_evaluations_grade_ck" CHECK ("credit_evaluations"."grade" in ('A', 'B', 'C', 'D'))
);
--> statement-breakpoint
CREATE TABLE "credit_self_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"score" integer NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credit_evaluations" ADD CONSTRAINT "credit_evaluations_weights_version_credit_evaluation_weights_version_fk" FOREIGN KEY ("weights_version") REFERENCES "public"."credit_evaluation_weights"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_evaluations_business_year_uq" ON "credit_evaluations" USING btree ("business_id","year");--> statement-breakpoint
CREATE INDEX "credit_evaluations_year_idx" ON "credit_evaluations" USING btree ("year");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_self_assessments_business_year_uq" ON "credit_self_assessments" USING btree ("business_id","year");--> statement-breakpoint
INSERT INTO "credit_evaluation_weights" ("version", "government", "self_assessment", "tourist", "grade_a_min", "grade_b_min", "grade_c_min") VALUES (1, 50, 20, 30, 85, 70, 60) ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "credit_rules" ("code", "version", "category", "name", "name_en", "points", "validity_days", "public", "repairable_by_commitment") VALUES
 ('evaluation_grade_a', 1, 'evaluation_commitment', '年度三方评价A级', 'Yearly evaluation: grade A', 5, 365, true, true),
 ('evaluation_grade_b', 1, 'evaluation_commitment', '年度三方评价B级', 'Yearly evaluation: grade B', 2, 365, true, true),
 ('evaluation_grade_c', 1, 'evaluation_commitment', '年度三方评价C级', 'Yearly evaluation: grade C', -2, 365, true, true),
 ('evaluation_grade_d', 1, 'evaluation_commitment', '年度三方评价D级', 'Yearly evaluation: grade D', -5, 365, true, true)
ON CONFLICT DO NOTHING;
