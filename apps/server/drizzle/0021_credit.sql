CREATE TABLE "credit_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"rule_code" text NOT NULL,
	"rule_version" integer NOT NULL,
	"category" text NOT NULL,
	"points" integer NOT NULL,
	"evidence_type" text NOT NULL,
	"evidence_id" text NOT NULL,
	"document_no" text,
	"file_id" uuid,
	"note" text,
	"department_id" uuid,
	"effective_at" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	"public" boolean NOT NULL,
	"repaired_at" timestamp with time zone,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_events_subject_ck" CHECK ("credit_events"."subject_type" in ('business', 'practitioner'))
);
--> statement-breakpoint
CREATE TABLE "credit_repairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"business_id" uuid NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"proof" text NOT NULL,
	"proof_file_id" uuid,
	"commitment" text NOT NULL,
	"commitment_signed_at" timestamp with time zone NOT NULL,
	"training_record" text NOT NULL,
	"submitted_by" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decision_note" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_repairs_status_ck" CHECK ("credit_repairs"."status" in ('submitted', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "credit_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"category" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"points" integer NOT NULL,
	"validity_days" integer,
	"public" boolean DEFAULT true NOT NULL,
	"repairable_by_commitment" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"base_score" integer DEFAULT 100 NOT NULL,
	"grade_a_min" integer DEFAULT 95 NOT NULL,
	"grade_b_min" integer DEFAULT 85 NOT NULL,
	"grade_c_min" integer DEFAULT 70 NOT NULL,
	"objection_working_days" integer DEFAULT 5 NOT NULL,
	"serious_period_months" integer DEFAULT 36 NOT NULL,
	"minor_period_months" integer DEFAULT 12 NOT NULL,
	"repair_min_days" integer DEFAULT 90 NOT NULL,
	"repair_decision_working_days" integer DEFAULT 10 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_settings_one_ck" CHECK ("credit_settings"."id" = 1),
	CONSTRAINT "credit_settings_grades_ck" CHECK ("credit_settings"."grade_a_min" > "credit_settings"."grade_b_min" and "credit_settings"."grade_b_min" > "credit_settings"."grade_c_min")
);
--> statement-breakpoint
CREATE TABLE "credit_dishonest_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"tier" text NOT NULL,
	"status" text NOT NULL,
	"legal_basis" text NOT NULL,
	"reason" text NOT NULL,
	"decision_no" text NOT NULL,
	"department_id" uuid NOT NULL,
	"proposed_by" uuid,
	"noticed_at" timestamp with time zone,
	"objection_due_at" timestamp with time zone,
	"objection" text,
	"objected_at" timestamp with time zone,
	"objection_decision" text,
	"objection_note" text,
	"decided_by" uuid,
	"listed_at" timestamp with time zone,
	"period_ends_at" timestamp with time zone,
	"exited_at" timestamp with time zone,
	"exit_reason" text,
	"event_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_dishonest_tier_ck" CHECK ("credit_dishonest_entries"."tier" in ('serious', 'minor')),
	CONSTRAINT "credit_dishonest_status_ck" CHECK ("credit_dishonest_entries"."status" in ('proposed', 'noticed', 'listed', 'withdrawn', 'exited', 'repaired'))
);
--> statement-breakpoint
CREATE TABLE "credit_pledge_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"title_en" text NOT NULL,
	"body" text NOT NULL,
	"body_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_pledge_templates_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "credit_pledges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"status" text DEFAULT 'in_force' NOT NULL,
	"signed_by" uuid,
	"signed_at" timestamp with time zone NOT NULL,
	"broken_at" timestamp with time zone,
	"broken_note" text,
	"event_id" uuid,
	CONSTRAINT "credit_pledges_status_ck" CHECK ("credit_pledges"."status" in ('in_force', 'broken'))
);
--> statement-breakpoint
ALTER TABLE "credit_events" ADD CONSTRAINT "credit_events_rule_id_credit_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."credit_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_repairs" ADD CONSTRAINT "credit_repairs_entry_id_credit_dishonest_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."credit_dishonest_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_pledges" ADD CONSTRAINT "credit_pledges_template_id_credit_pledge_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."credit_pledge_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_events_cause_uq" ON "credit_events" USING btree ("subject_type","subject_id","rule_code","evidence_type","evidence_id");--> statement-breakpoint
CREATE INDEX "credit_events_subject_idx" ON "credit_events" USING btree ("subject_id","effective_at");--> statement-breakpoint
CREATE INDEX "credit_repairs_entry_idx" ON "credit_repairs" USING btree ("entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_rules_code_version_uq" ON "credit_rules" USING btree ("code","version");--> statement-breakpoint
CREATE INDEX "credit_dishonest_business_idx" ON "credit_dishonest_entries" USING btree ("business_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_pledges_business_template_uq" ON "credit_pledges" USING btree ("business_id","template_id");--> statement-breakpoint
-- The credit rules, settings and pledge templates a fresh prefecture starts with (an admin edits them; an edit is a new version).
INSERT INTO "credit_settings" ("id") VALUES (1) ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "credit_rules" ("code", "version", "category", "name", "name_en", "points", "validity_days", "public", "repairable_by_commitment") VALUES
 ('complaint_founded', 1, 'other', '投诉经查属实并办结', 'Complaint found and resolved against the business', -5, 365, true, true),
 ('return_compensated', 1, 'other', '拒绝无理由退货经裁定支持游客并先行赔付', 'Return refused, decided for the tourist and compensated from the fund', -8, 365, true, true),
 ('rating_quarter_good', 1, 'evaluation_commitment', '季度游客评价优良（均分≥4.5）', 'Quarter''s tourist ratings good (average ≥ 4.5)', 2, 365, true, true),
 ('rating_quarter_poor', 1, 'evaluation_commitment', '季度游客评价较差（均分≤3）', 'Quarter''s tourist ratings poor (average ≤ 3)', -3, 365, true, true),
 ('major_hazard', 1, 'other', '检查发现重大隐患', 'Major hazard found in an inspection', -10, 730, true, true),
 ('rectification_overdue', 1, 'other', '隐患逾期未整改', 'Rectification overdue', -5, 365, true, true),
 ('admin_penalty', 1, 'licensing_penalty', '行政处罚', 'Administrative penalty', -15, 1095, true, false),
 ('license_revoked', 1, 'licensing_penalty', '吊销许可证', 'Licence revoked', -30, 1095, true, false),
 ('judicial_judgment', 1, 'judicial', '生效裁判未履行', 'Court judgment not complied with', -20, 1095, true, false),
 ('commendation', 1, 'joint_reward_punishment', '表彰奖励', 'Commendation', 5, 730, true, true),
 ('badge_awarded', 1, 'joint_reward_punishment', '获评示范称号', 'Model badge awarded', 3, 730, true, true),
 ('pledge_kept', 1, 'evaluation_commitment', '信用承诺履行良好', 'Credit pledge kept', 2, 365, true, true),
 ('pledge_broken', 1, 'evaluation_commitment', '违背信用承诺', 'Credit pledge broken', -10, 730, true, true),
 ('registration_info', 1, 'registration', '登记注册信息', 'Registration information', 0, NULL, true, true),
 ('dishonest_listed_serious', 1, 'joint_reward_punishment', '列入严重失信主体名单', 'On the serious dishonest list', -40, NULL, true, false),
 ('dishonest_listed_minor', 1, 'joint_reward_punishment', '列为轻微失信主体', 'On the minor dishonest list', -20, NULL, true, true)
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "credit_pledge_templates" ("code", "title", "title_en", "body", "body_en") VALUES
 ('honest_operation', '诚信经营承诺', 'Honest operation pledge', '本单位承诺：明码标价、不欺客宰客、不强迫消费、不虚假宣传，自觉接受游客和社会监督；如有违背，自愿接受相应信用惩戒。', 'We pledge to post our prices, never overcharge or force purchases, advertise truthfully and accept the supervision of tourists and the public; if we break this pledge we accept the credit measures that follow.'),
 ('no_reason_return', '无理由退货承诺', 'No-reason return pledge', '本单位承诺：对符合条件的商品，游客 30 日内可无理由退货，72 小时内答复退货申请。', 'We pledge to take back eligible goods within 30 days without a reason and to answer a return request within 72 hours.'),
 ('safety_first', '安全生产承诺', 'Safety pledge', '本单位承诺：落实安全生产主体责任，按期整改检查发现的隐患。', 'We pledge to carry our safety responsibility and to rectify every hazard found in an inspection by its deadline.')
ON CONFLICT DO NOTHING;
