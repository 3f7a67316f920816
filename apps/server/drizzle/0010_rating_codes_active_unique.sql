-- One active code per target instead of one row: a replaced code stays as an inactive row.
DROP INDEX "rating_codes_target_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "rating_codes_target_uq" ON "rating_codes" USING btree ("target_type","target_id") WHERE "rating_codes"."active";--> statement-breakpoint
-- Until now a replacement rewrote the target's one row to the new code, so every existing row is a target's
-- current code and stays active. The replaced codes were remembered only by their audit entries
-- (rating_code.deactivate, which name the target): they come back as inactive rows, issued when the code they
-- replaced was deactivated (the first code's issue time is not known: its deactivation time stands in).
INSERT INTO "rating_codes" ("code", "target_type", "target_id", "active", "created_at")
  SELECT DISTINCT ON (a."object_id") a."object_id", a."after"->>'targetType', (a."after"->>'targetId')::uuid, false,
         coalesce((SELECT min(p."at") FROM "audit_log" p
                    WHERE p."action" = 'rating_code.deactivate' AND p."object_type" = 'rating_code'
                      AND p."after"->>'replacedBy' = a."object_id"), a."at")
    FROM "audit_log" a
   WHERE a."action" = 'rating_code.deactivate' AND a."object_type" = 'rating_code' AND a."object_id" IS NOT NULL
     AND a."after"->>'targetType' IS NOT NULL AND a."after"->>'targetId' IS NOT NULL
   ORDER BY a."object_id", a."at"
  ON CONFLICT ("code") DO NOTHING;
