CREATE TABLE "business_prices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"business_id" uuid NOT NULL,
	"item" text NOT NULL,
	"item_en" text,
	"price_fen" integer NOT NULL,
	"unit" text NOT NULL,
	"unit_en" text,
	"sort" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "business_prices_price_ck" CHECK ("business_prices"."price_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "rating_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rating_codes_target_ck" CHECK ("rating_codes"."target_type" in ('business', 'station', 'practitioner'))
);
--> statement-breakpoint
CREATE TABLE "ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid NOT NULL,
	"tourist_user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"scores" jsonb NOT NULL,
	"overall" integer NOT NULL,
	"comment" text,
	"photo_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"work_order_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ratings_overall_ck" CHECK ("ratings"."overall" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "return_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tracking_no" text NOT NULL,
	"tourist_user_id" uuid NOT NULL,
	"business_id" uuid NOT NULL,
	"item" text NOT NULL,
	"goods_category" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"purchased_on" date NOT NULL,
	"reason" text,
	"receipt_file_id" uuid,
	"status" text DEFAULT 'submitted' NOT NULL,
	"shop_due_at" timestamp with time zone NOT NULL,
	"shop_answered_at" timestamp with time zone,
	"shop_note" text,
	"work_order_id" uuid,
	"escalated_at" timestamp with time zone,
	"compensation_fen" integer,
	"compensated_at" timestamp with time zone,
	"compensated_by" uuid,
	"compensation_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "return_requests_tracking_no_unique" UNIQUE("tracking_no"),
	CONSTRAINT "return_requests_amount_ck" CHECK ("return_requests"."amount_fen" > 0),
	CONSTRAINT "return_requests_status_ck" CHECK ("return_requests"."status" in ('submitted', 'accepted', 'refused', 'escalated', 'compensated')),
	CONSTRAINT "return_requests_compensation_ck" CHECK ("return_requests"."compensation_fen" is null or "return_requests"."compensation_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "route_stops" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"route_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"business_id" uuid,
	"station_id" uuid,
	"name" text NOT NULL,
	"name_en" text,
	"note" text,
	"note_en" text,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	CONSTRAINT "route_stops_seq_ck" CHECK ("route_stops"."seq" > 0)
);
--> statement-breakpoint
CREATE TABLE "routes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"theme" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"summary_en" text,
	"duration_minutes" integer,
	"published" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routes_duration_ck" CHECK ("routes"."duration_minutes" is null or "routes"."duration_minutes" > 0)
);
--> statement-breakpoint
CREATE TABLE "stations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"kind" text NOT NULL,
	"services" text[] DEFAULT '{}'::text[] NOT NULL,
	"opens_at_minute" integer NOT NULL,
	"closes_at_minute" integer NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"address_en" text,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"region_code" text NOT NULL,
	"phone" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stations_code_unique" UNIQUE("code"),
	CONSTRAINT "stations_kind_ck" CHECK ("stations"."kind" in ('station', 'micro_station')),
	CONSTRAINT "stations_hours_ck" CHECK ("stations"."opens_at_minute" >= 0 and "stations"."closes_at_minute" <= 1440 and "stations"."opens_at_minute" < "stations"."closes_at_minute"),
	CONSTRAINT "stations_position_ck" CHECK ("stations"."lng" between -180 and 180 and "stations"."lat" between -90 and 90)
);
--> statement-breakpoint
ALTER TABLE "businesses" ADD COLUMN "opening_hours" text;--> statement-breakpoint
ALTER TABLE "businesses" ADD COLUMN "intro" text;--> statement-breakpoint
ALTER TABLE "businesses" ADD COLUMN "intro_en" text;--> statement-breakpoint
ALTER TABLE "businesses" ADD COLUMN "license_no" text;--> statement-breakpoint
ALTER TABLE "businesses" ADD COLUMN "badges" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "business_prices" ADD CONSTRAINT "business_prices_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "route_stops" ADD CONSTRAINT "route_stops_route_id_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."routes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "business_prices_business_idx" ON "business_prices" USING btree ("business_id","sort");--> statement-breakpoint
CREATE UNIQUE INDEX "rating_codes_target_uq" ON "rating_codes" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ratings_one_per_day_uq" ON "ratings" USING btree ("tourist_user_id","target_type","target_id","day");--> statement-breakpoint
CREATE INDEX "ratings_target_idx" ON "ratings" USING btree ("target_type","target_id","created_at");--> statement-breakpoint
CREATE INDEX "return_requests_tourist_idx" ON "return_requests" USING btree ("tourist_user_id","created_at");--> statement-breakpoint
CREATE INDEX "return_requests_business_idx" ON "return_requests" USING btree ("business_id","created_at");--> statement-breakpoint
CREATE INDEX "return_requests_shop_due_idx" ON "return_requests" USING btree ("shop_due_at") WHERE "return_requests"."status" = 'submitted';--> statement-breakpoint
CREATE UNIQUE INDEX "route_stops_route_seq_uq" ON "route_stops" USING btree ("route_id","seq");--> statement-breakpoint
CREATE INDEX "stations_region_idx" ON "stations" USING btree ("region_code");