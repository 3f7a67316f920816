CREATE TABLE "business_guarantors" (
	"business_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grid_members" (
	"grid_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"employment" text DEFAULT 'full_time' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grid_members_grid_id_user_id_pk" PRIMARY KEY("grid_id","user_id"),
	CONSTRAINT "grid_members_role_ck" CHECK ("grid_members"."role" in ('grid_head', 'grid_worker')),
	CONSTRAINT "grid_members_employment_ck" CHECK ("grid_members"."employment" in ('full_time', 'part_time'))
);
--> statement-breakpoint
CREATE TABLE "letter_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"topic" text NOT NULL,
	"title" text NOT NULL,
	"title_en" text,
	"body" text NOT NULL,
	"period_months" integer DEFAULT 12 NOT NULL,
	"party_a_name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "letter_templates_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "responsibility_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"business_id" uuid NOT NULL,
	"title" text NOT NULL,
	"title_en" text,
	"text" text NOT NULL,
	"text_sha256" text NOT NULL,
	"party_a_name" text NOT NULL,
	"party_a_user_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" text DEFAULT 'issued' NOT NULL,
	"signed_name" text,
	"signed_at" timestamp with time zone,
	"signed_by_user_id" uuid,
	"signed_via" text,
	"scan_file_id" uuid,
	"issued_by_user_id" uuid,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "responsibility_letters_status_ck" CHECK ("responsibility_letters"."status" in ('issued', 'signed')),
	CONSTRAINT "responsibility_letters_period_ck" CHECK ("responsibility_letters"."period_end" >= "responsibility_letters"."period_start"),
	CONSTRAINT "responsibility_letters_signed_ck" CHECK (("responsibility_letters"."status" = 'signed') = ("responsibility_letters"."signed_at" is not null and "responsibility_letters"."signed_name" is not null))
);
--> statement-breakpoint
ALTER TABLE "grids" ADD COLUMN "leader_user_id" uuid;--> statement-breakpoint
ALTER TABLE "business_guarantors" ADD CONSTRAINT "business_guarantors_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_guarantors" ADD CONSTRAINT "business_guarantors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_members" ADD CONSTRAINT "grid_members_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_members" ADD CONSTRAINT "grid_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibility_letters" ADD CONSTRAINT "responsibility_letters_template_id_letter_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."letter_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibility_letters" ADD CONSTRAINT "responsibility_letters_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibility_letters" ADD CONSTRAINT "responsibility_letters_party_a_user_id_users_id_fk" FOREIGN KEY ("party_a_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "business_guarantors_user_idx" ON "business_guarantors" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "grid_members_user_idx" ON "grid_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "responsibility_letters_business_idx" ON "responsibility_letters" USING btree ("business_id");--> statement-breakpoint
CREATE INDEX "responsibility_letters_status_end_idx" ON "responsibility_letters" USING btree ("status","period_end");--> statement-breakpoint
ALTER TABLE "grids" ADD CONSTRAINT "grids_leader_user_id_users_id_fk" FOREIGN KEY ("leader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "businesses_grid_idx" ON "businesses" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "grids_region_idx" ON "grids" USING btree ("region_code");--> statement-breakpoint
-- Each grid's one worker becomes its member (a full-time 网格员) before the column goes; workers whose account is
-- gone are dropped, as the foreign key would refuse them.
INSERT INTO "grid_members" ("grid_id", "user_id", "role", "employment")
SELECT g."id", g."worker_user_id", 'grid_worker', 'full_time' FROM "grids" g
JOIN "users" u ON u."id" = g."worker_user_id";--> statement-breakpoint
ALTER TABLE "grids" DROP COLUMN "worker_user_id";