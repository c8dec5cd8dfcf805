CREATE TYPE "public"."timesheet_state" AS ENUM('submitted', 'approved', 'rejected');--> statement-breakpoint
CREATE TABLE "timesheets" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"user_id" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"state" timesheet_state DEFAULT 'submitted' NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by_id" text,
	"decided_at" timestamp with time zone,
	"decided_by_id" text,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "expenses" ADD COLUMN "timesheet_id" text;--> statement-breakpoint
ALTER TABLE "expenses" ADD COLUMN "lock_overridden_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "expenses" ADD COLUMN "lock_overridden_by_id" text;--> statement-breakpoint
ALTER TABLE "time_entries" ADD COLUMN "timesheet_id" text;--> statement-breakpoint
ALTER TABLE "time_entries" ADD COLUMN "lock_overridden_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "time_entries" ADD COLUMN "lock_overridden_by_id" text;--> statement-breakpoint
ALTER TABLE "timesheets" ADD CONSTRAINT "timesheets_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheets" ADD CONSTRAINT "timesheets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheets" ADD CONSTRAINT "timesheets_submitted_by_id_users_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheets" ADD CONSTRAINT "timesheets_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "timesheets_account_state_idx" ON "timesheets" USING btree ("account_id","state","period_from");--> statement-breakpoint
CREATE INDEX "timesheets_user_period_idx" ON "timesheets" USING btree ("user_id","period_from");--> statement-breakpoint
ALTER TABLE "expenses" ADD CONSTRAINT "expenses_timesheet_id_timesheets_id_fk" FOREIGN KEY ("timesheet_id") REFERENCES "public"."timesheets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenses" ADD CONSTRAINT "expenses_lock_overridden_by_id_users_id_fk" FOREIGN KEY ("lock_overridden_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_timesheet_id_timesheets_id_fk" FOREIGN KEY ("timesheet_id") REFERENCES "public"."timesheets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_lock_overridden_by_id_users_id_fk" FOREIGN KEY ("lock_overridden_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "expenses_timesheet_idx" ON "expenses" USING btree ("timesheet_id");--> statement-breakpoint
CREATE INDEX "time_entries_timesheet_idx" ON "time_entries" USING btree ("timesheet_id");