CREATE TABLE "flow_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"occupancy" integer NOT NULL,
	"instant_capacity" integer NOT NULL,
	"pct" integer NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"reported_at" timestamp with time zone,
	"reported_by" uuid,
	"reported_to" text,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "reservable_spots" ALTER COLUMN "stop_sales_pct" SET DEFAULT 80;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "booking_visitors" ADD COLUMN "document_type" text DEFAULT 'resident_id' NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_visitors" ADD COLUMN "nationality" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "channel" text DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE "reservable_spots" ADD COLUMN "local_alert_pct" integer;--> statement-breakpoint
ALTER TABLE "reservable_spots" ADD COLUMN "walk_in_pct" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "time_slots" ADD COLUMN "walk_in_remaining" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "channel" text DEFAULT 'sms' NOT NULL;--> statement-breakpoint
ALTER TABLE "flow_reports" ADD CONSTRAINT "flow_reports_business_id_reservable_spots_business_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."reservable_spots"("business_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "flow_reports_spot_idx" ON "flow_reports" USING btree ("business_id","raised_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_tourist_email_uq" ON "users" USING btree ("email") WHERE "users"."role" = 'tourist' and "users"."email" is not null;--> statement-breakpoint
ALTER TABLE "reservable_spots" ADD CONSTRAINT "reservable_spots_local_alert_ck" CHECK ("reservable_spots"."local_alert_pct" is null or ("reservable_spots"."warning_pct" < "reservable_spots"."local_alert_pct" and "reservable_spots"."local_alert_pct" < "reservable_spots"."stop_entry_pct"));--> statement-breakpoint
ALTER TABLE "reservable_spots" ADD CONSTRAINT "reservable_spots_walk_in_ck" CHECK ("reservable_spots"."walk_in_pct" between 0 and 50);--> statement-breakpoint
ALTER TABLE "time_slots" ADD CONSTRAINT "time_slots_walk_in_ck" CHECK ("time_slots"."walk_in_remaining" >= 0 and "time_slots"."walk_in_remaining" <= "time_slots"."remaining");