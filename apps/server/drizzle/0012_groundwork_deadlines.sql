CREATE TABLE "deadlines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"stages" jsonb NOT NULL,
	"stage_index" integer DEFAULT 0 NOT NULL,
	"due_at" timestamp with time zone,
	"state" text DEFAULT 'active' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "deadlines_kind_object_uq" ON "deadlines" USING btree ("kind","object_id");--> statement-breakpoint
CREATE INDEX "deadlines_due_idx" ON "deadlines" USING btree ("due_at") WHERE "deadlines"."due_at" is not null;--> statement-breakpoint
-- Return requests still waiting for their shop move onto the deadline engine: one deadline each, its one stage
-- (escalate) the millisecond after the request's 72-hour shop deadline (returns.escalation.ts schedules the same
-- for new ones: the shop may still answer at the deadline's instant).
INSERT INTO "deadlines" ("kind", "object_type", "object_id", "stages", "stage_index", "due_at", "state")
SELECT 'return_request.shop_answer', 'return_request', r."id"::text,
       jsonb_build_array(jsonb_build_object('name', 'escalate',
         'at', to_char((r."shop_due_at" + interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
       0, r."shop_due_at" + interval '1 millisecond', 'active'
  FROM "return_requests" r WHERE r."status" = 'submitted'
ON CONFLICT ("kind", "object_id") DO NOTHING;--> statement-breakpoint
-- Each instance caches the SLA policies, the holiday calendar and the category routing for 30 s. A change from
-- any instance (or hand-written SQL) announces itself on channel zl_sla; every instance then drops its copy.
CREATE FUNCTION zl_sla_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('zl_sla', TG_TABLE_NAME);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER sla_policies_changed AFTER INSERT OR UPDATE OR DELETE ON "sla_policies" FOR EACH STATEMENT EXECUTE FUNCTION zl_sla_changed();--> statement-breakpoint
CREATE TRIGGER holidays_changed AFTER INSERT OR UPDATE OR DELETE ON "holidays" FOR EACH STATEMENT EXECUTE FUNCTION zl_sla_changed();--> statement-breakpoint
CREATE TRIGGER category_routing_changed AFTER INSERT OR UPDATE OR DELETE ON "category_routing" FOR EACH STATEMENT EXECUTE FUNCTION zl_sla_changed();
