CREATE TABLE "expense_invoice_links" (
	"expense_id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"invoice_id" text NOT NULL,
	"invoice_line_item_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "time_entry_invoice_links" (
	"time_entry_id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"invoice_id" text NOT NULL,
	"invoice_line_item_id" text NOT NULL
);
--> statement-breakpoint
INSERT INTO "time_entry_invoice_links" ("time_entry_id", "account_id", "invoice_id", "invoice_line_item_id") SELECT "id", "account_id", "invoice_id", "invoice_line_item_id" FROM "time_entries" WHERE "invoice_line_item_id" IS NOT NULL;--> statement-breakpoint
INSERT INTO "expense_invoice_links" ("expense_id", "account_id", "invoice_id", "invoice_line_item_id") SELECT "id", "account_id", "invoice_id", "invoice_line_item_id" FROM "expenses" WHERE "invoice_line_item_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "expenses" DROP CONSTRAINT "expenses_invoice_line_together";--> statement-breakpoint
ALTER TABLE "time_entries" DROP CONSTRAINT "time_entries_invoice_line_together";--> statement-breakpoint
ALTER TABLE "expenses" DROP CONSTRAINT "expenses_invoice_line_item_id_invoice_line_items_id_fk";
--> statement-breakpoint
ALTER TABLE "time_entries" DROP CONSTRAINT "time_entries_invoice_line_item_id_invoice_line_items_id_fk";
--> statement-breakpoint
DROP INDEX "expenses_invoice_line_idx";--> statement-breakpoint
DROP INDEX "time_entries_invoice_line_idx";--> statement-breakpoint
ALTER TABLE "invoice_line_items" ADD COLUMN "fixed_fee_project_id" text;--> statement-breakpoint
ALTER TABLE "invoice_line_items" ADD COLUMN "time_entry_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "invoice_line_items" ADD COLUMN "expense_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "invoice_line_items" SET "time_entry_count" = (SELECT count(*) FROM "time_entry_invoice_links" WHERE "invoice_line_item_id" = "invoice_line_items"."id"), "expense_count" = (SELECT count(*) FROM "expense_invoice_links" WHERE "invoice_line_item_id" = "invoice_line_items"."id");--> statement-breakpoint
CREATE INDEX "expense_invoice_links_invoice_idx" ON "expense_invoice_links" USING brin ("invoice_id","invoice_line_item_id") WITH (autosummarize=true);--> statement-breakpoint
CREATE INDEX "time_entry_invoice_links_invoice_idx" ON "time_entry_invoice_links" USING brin ("invoice_id","invoice_line_item_id") WITH (autosummarize=true);--> statement-breakpoint
ALTER TABLE "invoice_line_items" ADD CONSTRAINT "invoice_line_items_fixed_fee_project_id_projects_id_fk" FOREIGN KEY ("fixed_fee_project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoice_line_items_fixed_fee_idx" ON "invoice_line_items" USING btree ("fixed_fee_project_id") WHERE "invoice_line_items"."fixed_fee_project_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "expenses" DROP COLUMN "invoice_id";--> statement-breakpoint
ALTER TABLE "expenses" DROP COLUMN "invoice_line_item_id";--> statement-breakpoint
ALTER TABLE "time_entries" DROP COLUMN "invoice_id";--> statement-breakpoint
ALTER TABLE "time_entries" DROP COLUMN "invoice_line_item_id";