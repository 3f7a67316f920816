-- Timeline entries say who besides the handlers reads them (internal | business | tourist | all) instead of one
-- "hidden from the tourist" flag: the business concerned used to read every entry, internal notes included.
ALTER TABLE "work_order_events" ADD COLUMN "visibility" text DEFAULT 'internal' NOT NULL;--> statement-breakpoint
-- Existing entries, classified as work-orders.policy.ts ENTRY_VISIBILITY says: the complaint for everyone who sees
-- the order; the exchange with the business for the business; a department's reason to return or transfer and what
-- was already internal for the handlers; everything else the tourist read stays the tourist's (and no longer the
-- business's: a reply to the tourist was not addressed to the shop).
UPDATE "work_order_events" SET "visibility" = CASE
    WHEN "action" = 'submit' THEN 'all'
    WHEN "action" IN ('involve_business', 'business_reply') THEN 'business'
    WHEN "internal" OR "action" IN ('return', 'transfer', 'classify', 'urge', 'merge', 'remind', 'escalate') THEN 'internal'
    ELSE 'tourist'
  END;--> statement-breakpoint
ALTER TABLE "work_order_events" ADD CONSTRAINT "work_order_events_visibility_check" CHECK ("work_order_events"."visibility" in ('internal', 'business', 'tourist', 'all'));--> statement-breakpoint
ALTER TABLE "work_order_events" DROP COLUMN "internal";
