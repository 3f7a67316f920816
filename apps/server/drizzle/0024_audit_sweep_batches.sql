ALTER TABLE "audit_log" ADD COLUMN "object_ids" jsonb;--> statement-breakpoint
CREATE INDEX "audit_log_object_ids_idx" ON "audit_log" USING gin ("object_ids" jsonb_path_ops);