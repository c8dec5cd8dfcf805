ALTER TABLE "accounts" ADD COLUMN "decimal_separator" text DEFAULT '.' NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "thousands_separator" text DEFAULT ',' NOT NULL;