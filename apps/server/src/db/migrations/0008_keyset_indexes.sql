DROP INDEX "clients_account_name_idx";--> statement-breakpoint
DROP INDEX "expenses_project_date_idx";--> statement-breakpoint
DROP INDEX "expenses_user_date_idx";--> statement-breakpoint
DROP INDEX "api_keys_user_idx";--> statement-breakpoint
DROP INDEX "projects_account_name_idx";--> statement-breakpoint
DROP INDEX "tasks_account_name_idx";--> statement-breakpoint
DROP INDEX "time_entries_user_date_idx";--> statement-breakpoint
DROP INDEX "time_entries_project_date_idx";--> statement-breakpoint
CREATE INDEX "api_keys_account_id_idx" ON "api_keys" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "users_account_name_idx" ON "users" USING btree ("account_id","name","id");--> statement-breakpoint
CREATE INDEX "clients_account_name_idx" ON "clients" USING btree ("account_id","name","id");--> statement-breakpoint
CREATE INDEX "expenses_project_date_idx" ON "expenses" USING btree ("project_id","spent_date","id");--> statement-breakpoint
CREATE INDEX "expenses_user_date_idx" ON "expenses" USING btree ("user_id","spent_date","id");--> statement-breakpoint
CREATE INDEX "api_keys_user_idx" ON "api_keys" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "projects_account_name_idx" ON "projects" USING btree ("account_id","name","id");--> statement-breakpoint
CREATE INDEX "tasks_account_name_idx" ON "tasks" USING btree ("account_id","name","id");--> statement-breakpoint
CREATE INDEX "time_entries_user_date_idx" ON "time_entries" USING btree ("user_id","spent_date","id");--> statement-breakpoint
CREATE INDEX "time_entries_project_date_idx" ON "time_entries" USING btree ("project_id","spent_date","id");