CREATE TYPE "public"."information_barrier_status" AS ENUM('active', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."recusal_source" AS ENUM('suggested', 'self', 'case', 'compliance');--> statement-breakpoint
CREATE TYPE "public"."recusal_status" AS ENUM('requested', 'approved', 'rejected', 'withdrawn', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."restriction_cause" AS ENUM('recused', 'walled_off');--> statement-breakpoint
CREATE TABLE "access_denials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"cause" "restriction_cause" NOT NULL,
	"method" text NOT NULL,
	"route" text NOT NULL,
	"request_id" text,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "information_barriers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"client_ids" uuid[] NOT NULL,
	"walled_off_user_ids" uuid[] NOT NULL,
	"status" "information_barrier_status" DEFAULT 'active' NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"reason" text NOT NULL,
	"case_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"revoked_on" date,
	"revoked_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "information_barriers_dates" CHECK ("information_barriers"."ends_on" is null or "information_barriers"."starts_on" is null or "information_barriers"."ends_on" >= "information_barriers"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "recusal_rule_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recusals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"client_ids" uuid[] NOT NULL,
	"status" "recusal_status" DEFAULT 'requested' NOT NULL,
	"source" "recusal_source" NOT NULL,
	"case_id" uuid,
	"reason" text NOT NULL,
	"evidence" jsonb,
	"starts_on" date,
	"ends_on" date,
	"requested_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone,
	"decision_comment" text,
	"revoked_on" date,
	"revoked_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "recusals_dates" CHECK ("recusals"."ends_on" is null or "recusals"."starts_on" is null or "recusals"."ends_on" >= "recusals"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "access_denials" ADD CONSTRAINT "access_denials_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_denials" ADD CONSTRAINT "access_denials_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_barriers" ADD CONSTRAINT "information_barriers_case_id_conflict_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."conflict_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_barriers" ADD CONSTRAINT "information_barriers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_barriers" ADD CONSTRAINT "information_barriers_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recusal_rule_versions" ADD CONSTRAINT "recusal_rule_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recusals" ADD CONSTRAINT "recusals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recusals" ADD CONSTRAINT "recusals_case_id_conflict_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."conflict_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recusals" ADD CONSTRAINT "recusals_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recusals" ADD CONSTRAINT "recusals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recusals" ADD CONSTRAINT "recusals_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_denials_user_idx" ON "access_denials" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "access_denials_at_idx" ON "access_denials" USING btree ("at");--> statement-breakpoint
CREATE INDEX "information_barriers_users_idx" ON "information_barriers" USING gin ("walled_off_user_ids");--> statement-breakpoint
CREATE INDEX "information_barriers_client_ids_idx" ON "information_barriers" USING gin ("client_ids");--> statement-breakpoint
CREATE INDEX "recusals_user_idx" ON "recusals" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "recusals_client_ids_idx" ON "recusals" USING gin ("client_ids");--> statement-breakpoint
-- Rule-set versions and the denial log are evidence: append-only (refuse_change, from 0005).
CREATE TRIGGER recusal_rule_versions_append_only BEFORE UPDATE OR DELETE ON recusal_rule_versions FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER access_denials_append_only BEFORE UPDATE OR DELETE ON access_denials FOR EACH ROW EXECUTE FUNCTION refuse_change();
