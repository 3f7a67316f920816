ALTER TABLE "work_orders" ADD COLUMN "refusal_ground" text;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "finding" text;