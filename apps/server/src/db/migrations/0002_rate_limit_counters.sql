CREATE TYPE "public"."rate_limit_window" AS ENUM('minute', 'day');--> statement-breakpoint
CREATE TABLE "rate_limit_counters" (
	"api_key_id" text NOT NULL,
	"window" "rate_limit_window" NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rate_limit_counters_api_key_id_window_pk" PRIMARY KEY("api_key_id","window")
);
--> statement-breakpoint
ALTER TABLE "rate_limit_counters" ADD CONSTRAINT "rate_limit_counters_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;