CREATE TABLE "booking_visitors" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"booking_id" uuid NOT NULL,
	"business_id" uuid NOT NULL,
	"day" date NOT NULL,
	"name" text NOT NULL,
	"id_number_cipher" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_code" text NOT NULL,
	"slot_id" uuid NOT NULL,
	"business_id" uuid NOT NULL,
	"day" date NOT NULL,
	"tourist_user_id" uuid NOT NULL,
	"party_size" integer NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" uuid,
	CONSTRAINT "bookings_party_ck" CHECK ("bookings"."party_size" > 0),
	CONSTRAINT "bookings_status_ck" CHECK ("bookings"."status" in ('booked', 'cancelled', 'checked_in', 'voided'))
);
--> statement-breakpoint
CREATE TABLE "gate_devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"last_seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gate_passes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"business_id" uuid NOT NULL,
	"device_id" uuid,
	"booking_id" uuid,
	"direction" text NOT NULL,
	"count" integer NOT NULL,
	"occupancy_after" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gate_passes_direction_ck" CHECK ("gate_passes"."direction" in ('in', 'out')),
	CONSTRAINT "gate_passes_count_ck" CHECK ("gate_passes"."count" > 0)
);
--> statement-breakpoint
CREATE TABLE "reservable_spots" (
	"business_id" uuid PRIMARY KEY NOT NULL,
	"instant_capacity" integer NOT NULL,
	"daily_capacity" integer NOT NULL,
	"opens_at_minute" integer NOT NULL,
	"closes_at_minute" integer NOT NULL,
	"average_stay_minutes" integer NOT NULL,
	"slot_minutes" integer DEFAULT 60 NOT NULL,
	"max_party_size" integer DEFAULT 5 NOT NULL,
	"check_in_grace_minutes" integer DEFAULT 30 NOT NULL,
	"warning_pct" integer DEFAULT 80 NOT NULL,
	"stop_sales_pct" integer DEFAULT 90 NOT NULL,
	"stop_entry_pct" integer DEFAULT 100 NOT NULL,
	"reservable" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reservable_spots_capacity_ck" CHECK ("reservable_spots"."instant_capacity" > 0 and "reservable_spots"."daily_capacity" > 0),
	CONSTRAINT "reservable_spots_hours_ck" CHECK ("reservable_spots"."opens_at_minute" >= 0 and "reservable_spots"."closes_at_minute" <= 1440 and "reservable_spots"."opens_at_minute" < "reservable_spots"."closes_at_minute"),
	CONSTRAINT "reservable_spots_limits_ck" CHECK ("reservable_spots"."average_stay_minutes" > 0 and "reservable_spots"."slot_minutes" > 0 and "reservable_spots"."max_party_size" > 0 and "reservable_spots"."check_in_grace_minutes" >= 0),
	CONSTRAINT "reservable_spots_thresholds_ck" CHECK (0 < "reservable_spots"."warning_pct" and "reservable_spots"."warning_pct" <= "reservable_spots"."stop_sales_pct" and "reservable_spots"."stop_sales_pct" <= "reservable_spots"."stop_entry_pct")
);
--> statement-breakpoint
CREATE TABLE "spot_closed_days" (
	"business_id" uuid NOT NULL,
	"day" date NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "spot_closed_days_business_id_day_pk" PRIMARY KEY("business_id","day")
);
--> statement-breakpoint
CREATE TABLE "spot_occupancy" (
	"business_id" uuid PRIMARY KEY NOT NULL,
	"entries" bigint DEFAULT 0 NOT NULL,
	"exits" bigint DEFAULT 0 NOT NULL,
	"current" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "spot_occupancy_current_ck" CHECK ("spot_occupancy"."current" >= 0 and "spot_occupancy"."current" = "spot_occupancy"."entries" - "spot_occupancy"."exits"),
	CONSTRAINT "spot_occupancy_counts_ck" CHECK ("spot_occupancy"."entries" >= 0 and "spot_occupancy"."exits" >= 0)
);
--> statement-breakpoint
CREATE TABLE "time_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"day" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"quota" integer NOT NULL,
	"remaining" integer NOT NULL,
	CONSTRAINT "time_slots_remaining_ck" CHECK ("time_slots"."remaining" >= 0 and "time_slots"."remaining" <= "time_slots"."quota"),
	CONSTRAINT "time_slots_window_ck" CHECK ("time_slots"."ends_at" > "time_slots"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "booking_visitors" ADD CONSTRAINT "booking_visitors_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_slot_id_time_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."time_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gate_devices" ADD CONSTRAINT "gate_devices_business_id_reservable_spots_business_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."reservable_spots"("business_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservable_spots" ADD CONSTRAINT "reservable_spots_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_closed_days" ADD CONSTRAINT "spot_closed_days_business_id_reservable_spots_business_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."reservable_spots"("business_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_occupancy" ADD CONSTRAINT "spot_occupancy_business_id_reservable_spots_business_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."reservable_spots"("business_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_slots" ADD CONSTRAINT "time_slots_business_id_reservable_spots_business_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."reservable_spots"("business_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_visitors_booking_idx" ON "booking_visitors" USING btree ("booking_id");--> statement-breakpoint
CREATE UNIQUE INDEX "booking_visitors_one_per_day_uq" ON "booking_visitors" USING btree ("business_id","day","id_number_hash") WHERE "booking_visitors"."active";--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_ticket_code_uq" ON "bookings" USING btree ("ticket_code");--> statement-breakpoint
CREATE INDEX "bookings_tourist_idx" ON "bookings" USING btree ("tourist_user_id","created_at");--> statement-breakpoint
CREATE INDEX "bookings_slot_idx" ON "bookings" USING btree ("slot_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "gate_devices_key_uq" ON "gate_devices" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "gate_devices_spot_idx" ON "gate_devices" USING btree ("business_id");--> statement-breakpoint
CREATE INDEX "gate_passes_spot_at_idx" ON "gate_passes" USING btree ("business_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "time_slots_spot_start_uq" ON "time_slots" USING btree ("business_id","starts_at");--> statement-breakpoint
CREATE INDEX "time_slots_spot_day_idx" ON "time_slots" USING btree ("business_id","day");--> statement-breakpoint
-- A hot slot's row is updated once per booking; free space on its page keeps those updates HOT (no index churn).
ALTER TABLE "time_slots" SET (fillfactor = 70);--> statement-breakpoint
ALTER TABLE "spot_occupancy" SET (fillfactor = 50);
