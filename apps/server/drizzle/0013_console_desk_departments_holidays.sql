ALTER TABLE "departments" ADD COLUMN "kind" text DEFAULT 'bureau' NOT NULL;--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "grids" ADD COLUMN "name_en" text;--> statement-breakpoint
ALTER TABLE "holidays" ADD COLUMN "name_en" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "holidays" ADD COLUMN "source" text DEFAULT 'admin' NOT NULL;