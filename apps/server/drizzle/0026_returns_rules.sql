CREATE TABLE "compensation_fund_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_order_id" uuid NOT NULL,
	"return_request_id" uuid,
	"business_id" uuid,
	"amount_fen" integer NOT NULL,
	"note" text NOT NULL,
	"decided_by" uuid,
	"decided_role" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "compensation_fund_ledger_amount_ck" CHECK ("compensation_fund_ledger"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "return_goods_catalogue" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"in_scope" boolean NOT NULL,
	"excluded_by" text,
	"sort" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_pledges" (
	"business_id" uuid PRIMARY KEY NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"signed_by" uuid
);
--> statement-breakpoint
CREATE TABLE "return_rules" (
	"id" text PRIMARY KEY DEFAULT 'default' NOT NULL,
	"shop_answer_hours" integer DEFAULT 72 NOT NULL,
	"refund_hours" integer DEFAULT 168 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "return_requests" DROP CONSTRAINT "return_requests_status_ck";--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "invoice_no" text;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "refund_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "compensation_fund_ledger_order_uq" ON "compensation_fund_ledger" USING btree ("work_order_id");--> statement-breakpoint
CREATE INDEX "compensation_fund_ledger_at_idx" ON "compensation_fund_ledger" USING btree ("at");--> statement-breakpoint
ALTER TABLE "return_requests" ADD CONSTRAINT "return_requests_outcome_ck" CHECK ("return_requests"."outcome" is null or "return_requests"."outcome" in ('refund', 'exchange'));--> statement-breakpoint
ALTER TABLE "return_requests" ADD CONSTRAINT "return_requests_status_ck" CHECK ("return_requests"."status" in ('submitted', 'accepted', 'refused', 'refunded', 'exchanged', 'escalated', 'compensated'));
--> statement-breakpoint
-- The goods catalogue as a fresh installation has it (contracts GOODS_CATEGORIES); the admin edits it afterwards.
INSERT INTO "return_goods_catalogue" ("code", "name_zh", "name_en", "in_scope", "excluded_by", "sort") VALUES
  ('crafts', '工艺品、纪念品', 'Crafts and souvenirs', true, NULL, 10),
  ('silver_jewelry', '银器、首饰', 'Silverware and jewellery', true, NULL, 20),
  ('jade_gems', '玉石、珠宝', 'Jade and gems', true, NULL, 30),
  ('tea', '茶叶（未拆封）', 'Tea (unopened)', true, NULL, 40),
  ('silk', '丝绸、刺绣、扎染制品', 'Silk, embroidery and tie-dye', true, NULL, 50),
  ('handicrafts', '手工艺品（木雕、陶器、铜器）', 'Handicrafts (wood, pottery, copper)', true, NULL, 60),
  ('packaged_specialty', '预包装土特产', 'Packaged local specialties', true, NULL, 70),
  ('clothing', '服装、鞋帽、民族服饰', 'Clothing, shoes and ethnic dress', true, NULL, 80),
  ('electronics', '电子产品', 'Electronics', true, NULL, 90),
  ('other_goods', '其他商品', 'Other goods', true, NULL, 100),
  ('fresh_food', '鲜活易腐食品（鲜花饼、菌子等）', 'Fresh or perishable food', false, 'return_excluded_perishable', 110),
  ('custom_made', '定制、刻字、按要求加工的商品', 'Customised goods', false, 'return_excluded_custom', 120),
  ('opened_hygiene', '已拆封的个人卫生用品', 'Opened personal-hygiene items', false, 'return_excluded_hygiene', 130),
  ('buyer_damaged', '因本人原因损坏的商品', 'Goods damaged by the buyer', false, 'return_excluded_damaged', 140),
  ('digital', '数字化或下载类商品', 'Digital or downloaded goods', false, 'return_excluded_digital', 150),
  ('used_ticket_service', '已使用的门票、服务', 'Tickets or services already used', false, 'return_excluded_used_service', 160)
ON CONFLICT ("code") DO NOTHING;
