CREATE TYPE "public"."invoice_state" AS ENUM('draft', 'open', 'paid', 'closed');--> statement-breakpoint
CREATE TYPE "public"."payment_term" AS ENUM('upon_receipt', 'net_15', 'net_30', 'net_45', 'net_60', 'custom');--> statement-breakpoint
CREATE TABLE "invoice_line_items" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"invoice_id" text NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"quantity" numeric(18, 6) NOT NULL,
	"unit_price" numeric(18, 6) NOT NULL,
	"amount" numeric(18, 6) NOT NULL,
	"taxed" boolean DEFAULT false NOT NULL,
	"taxed2" boolean DEFAULT false NOT NULL,
	"project_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_logos" (
	"account_id" text PRIMARY KEY NOT NULL,
	"content" "bytea" NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_payments" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"invoice_id" text NOT NULL,
	"amount" numeric(18, 6) NOT NULL,
	"paid_date" date NOT NULL,
	"notes" text,
	"transaction_id" text,
	"provider" text,
	"recorded_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_settings" (
	"account_id" text PRIMARY KEY NOT NULL,
	"number_pattern" text DEFAULT 'INV-{YYYY}-{####}' NOT NULL,
	"next_number" integer DEFAULT 1 NOT NULL,
	"default_payment_term" "payment_term" DEFAULT 'net_30' NOT NULL,
	"default_payment_term_days" integer,
	"tax_label" text DEFAULT 'Tax' NOT NULL,
	"tax" numeric(9, 6),
	"tax2_label" text DEFAULT 'Tax 2' NOT NULL,
	"tax2" numeric(9, 6),
	"accent_color" text DEFAULT '#1f6feb' NOT NULL,
	"show_project_codes" boolean DEFAULT false NOT NULL,
	"item_categories" text[] DEFAULT '{Service,Product,Expense}'::text[] NOT NULL,
	"send_subject" text DEFAULT 'Invoice {number} from {company}' NOT NULL,
	"send_body" text DEFAULT 'Hello {client},

Please find invoice {number} for {amount}, due {due_date}. You can view and download it at {link}.

Thank you.' NOT NULL,
	"send_footer" text DEFAULT '' NOT NULL,
	"reminder_subject" text DEFAULT 'Reminder: invoice {number} from {company}' NOT NULL,
	"reminder_body" text DEFAULT 'Hello {client},

This is a reminder that invoice {number} for {amount} was due {due_date}. You can view it at {link}.

Thank you.' NOT NULL,
	"reminder_footer" text DEFAULT '' NOT NULL,
	"thank_you_subject" text DEFAULT 'Thank you for your payment of invoice {number}' NOT NULL,
	"thank_you_body" text DEFAULT 'Hello {client},

We received your payment for invoice {number}. Thank you.' NOT NULL,
	"thank_you_footer" text DEFAULT '' NOT NULL,
	"thank_you_on_payment" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"client_id" text NOT NULL,
	"number" text,
	"state" "invoice_state" DEFAULT 'draft' NOT NULL,
	"issue_date" date NOT NULL,
	"due_date" date NOT NULL,
	"payment_term" "payment_term" NOT NULL,
	"subject" text,
	"purchase_order" text,
	"notes" text,
	"currency" text NOT NULL,
	"tax" numeric(9, 6),
	"tax_label" text,
	"tax2" numeric(9, 6),
	"tax2_label" text,
	"discount" numeric(9, 6),
	"subtotal" numeric(18, 6) DEFAULT '0' NOT NULL,
	"discount_amount" numeric(18, 6) DEFAULT '0' NOT NULL,
	"tax_amount" numeric(18, 6) DEFAULT '0' NOT NULL,
	"tax2_amount" numeric(18, 6) DEFAULT '0' NOT NULL,
	"amount" numeric(18, 6) DEFAULT '0' NOT NULL,
	"paid_amount" numeric(18, 6) DEFAULT '0' NOT NULL,
	"period_start" date,
	"period_end" date,
	"sent_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"client_key" text NOT NULL,
	"viewed_at" timestamp with time zone,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "expenses" ADD COLUMN "invoice_line_item_id" text;--> statement-breakpoint
ALTER TABLE "time_entries" ADD COLUMN "invoice_line_item_id" text;--> statement-breakpoint
ALTER TABLE "invoice_line_items" ADD CONSTRAINT "invoice_line_items_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_line_items" ADD CONSTRAINT "invoice_line_items_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_line_items" ADD CONSTRAINT "invoice_line_items_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_logos" ADD CONSTRAINT "invoice_logos_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_payments" ADD CONSTRAINT "invoice_payments_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_payments" ADD CONSTRAINT "invoice_payments_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_payments" ADD CONSTRAINT "invoice_payments_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_settings" ADD CONSTRAINT "invoice_settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoice_line_items_invoice_idx" ON "invoice_line_items" USING btree ("invoice_id","position");--> statement-breakpoint
CREATE INDEX "invoice_payments_invoice_idx" ON "invoice_payments" USING btree ("invoice_id","paid_date","id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_payments_provider_transaction_unique" ON "invoice_payments" USING btree ("account_id","provider","transaction_id") WHERE "invoice_payments"."provider" IS NOT NULL AND "invoice_payments"."transaction_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_account_number_unique" ON "invoices" USING btree ("account_id","number") WHERE "invoices"."number" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_client_key_unique" ON "invoices" USING btree ("client_key");--> statement-breakpoint
CREATE INDEX "invoices_account_issue_date_idx" ON "invoices" USING btree ("account_id","issue_date","id");--> statement-breakpoint
CREATE INDEX "invoices_client_idx" ON "invoices" USING btree ("client_id");--> statement-breakpoint
ALTER TABLE "expenses" ADD CONSTRAINT "expenses_invoice_line_item_id_invoice_line_items_id_fk" FOREIGN KEY ("invoice_line_item_id") REFERENCES "public"."invoice_line_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_invoice_line_item_id_invoice_line_items_id_fk" FOREIGN KEY ("invoice_line_item_id") REFERENCES "public"."invoice_line_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "expenses_invoice_line_idx" ON "expenses" USING btree ("invoice_line_item_id");--> statement-breakpoint
CREATE INDEX "time_entries_invoice_line_idx" ON "time_entries" USING btree ("invoice_line_item_id");--> statement-breakpoint
ALTER TABLE "expenses" ADD CONSTRAINT "expenses_invoice_line_together" CHECK (("expenses"."invoice_id" IS NULL) = ("expenses"."invoice_line_item_id" IS NULL));--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_invoice_line_together" CHECK (("time_entries"."invoice_id" IS NULL) = ("time_entries"."invoice_line_item_id" IS NULL));