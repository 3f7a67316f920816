CREATE TABLE "category_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_order_id" uuid NOT NULL,
	"text" text NOT NULL,
	"original_category" text,
	"suggested_category" text,
	"corrected_category" text NOT NULL,
	"corrected_by" uuid,
	"corrected_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "category_corrections_status_idx" ON "category_corrections" USING btree ("status","corrected_at" DESC NULLS LAST);