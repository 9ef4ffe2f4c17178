CREATE TYPE "public"."conflict_case_source" AS ENUM('staff_report', 'conflict_check', 'alert', 'compliance', 'client_feedback', 'anonymous_report');--> statement-breakpoint
CREATE TYPE "public"."conflict_case_state" AS ENUM('reported', 'investigating', 'assessed', 'resolution_decided', 'mitigations_in_effect', 'monitoring', 'closed');--> statement-breakpoint
CREATE TYPE "public"."conflict_mitigation_status" AS ENUM('planned', 'in_effect', 'lifted');--> statement-breakpoint
CREATE TABLE "conflict_case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "conflict_case_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_state" "conflict_case_state",
	"to_state" "conflict_case_state",
	"actor_id" uuid,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"comment" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "conflict_case_mitigations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"description" text,
	"staff_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"client_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" "conflict_mitigation_status" DEFAULT 'planned' NOT NULL,
	"in_effect_on" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conflict_case_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"reviewed_on" date,
	"outcome" text,
	"comment" text,
	"reviewer_id" uuid
);
--> statement-breakpoint
CREATE TABLE "conflict_case_subjects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"party_id" uuid,
	"client_id" uuid,
	"user_id" uuid,
	"role" text NOT NULL,
	CONSTRAINT "conflict_case_subjects_names_one" CHECK ("conflict_case_subjects"."party_id" is not null or "conflict_case_subjects"."client_id" is not null or "conflict_case_subjects"."user_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "conflict_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ref" text NOT NULL,
	"state" "conflict_case_state" DEFAULT 'reported' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"kind" text NOT NULL,
	"subject_matters" text[] NOT NULL,
	"severity" text,
	"source" "conflict_case_source" NOT NULL,
	"reported_by" uuid,
	"responsible_user_id" uuid,
	"stage_entered_on" date NOT NULL,
	"assessment" jsonb,
	"evidence" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"next_review_on" date,
	CONSTRAINT "conflict_cases_ref_unique" UNIQUE("ref")
);
--> statement-breakpoint
CREATE TABLE "conflict_taxonomy_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"taxonomy" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conflict_case_events" ADD CONSTRAINT "conflict_case_events_case_id_conflict_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."conflict_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_case_events" ADD CONSTRAINT "conflict_case_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_case_mitigations" ADD CONSTRAINT "conflict_case_mitigations_case_id_conflict_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."conflict_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_case_reviews" ADD CONSTRAINT "conflict_case_reviews_case_id_conflict_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."conflict_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_case_reviews" ADD CONSTRAINT "conflict_case_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_case_subjects" ADD CONSTRAINT "conflict_case_subjects_case_id_conflict_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."conflict_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_case_subjects" ADD CONSTRAINT "conflict_case_subjects_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_case_subjects" ADD CONSTRAINT "conflict_case_subjects_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_case_subjects" ADD CONSTRAINT "conflict_case_subjects_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_cases" ADD CONSTRAINT "conflict_cases_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_cases" ADD CONSTRAINT "conflict_cases_responsible_user_id_users_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_taxonomy_versions" ADD CONSTRAINT "conflict_taxonomy_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conflict_case_events_case_idx" ON "conflict_case_events" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "conflict_case_mitigations_case_idx" ON "conflict_case_mitigations" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "conflict_case_reviews_case_idx" ON "conflict_case_reviews" USING btree ("case_id","due_on");--> statement-breakpoint
CREATE INDEX "conflict_case_subjects_case_idx" ON "conflict_case_subjects" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "conflict_case_subjects_user_idx" ON "conflict_case_subjects" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "conflict_cases_state_idx" ON "conflict_cases" USING btree ("state");--> statement-breakpoint
CREATE INDEX "conflict_cases_responsible_idx" ON "conflict_cases" USING btree ("responsible_user_id");--> statement-breakpoint
CREATE INDEX "conflict_cases_reporter_idx" ON "conflict_cases" USING btree ("reported_by");--> statement-breakpoint
-- Case references (CF-2026-000001) count up across the firm.
CREATE SEQUENCE "conflict_case_ref_seq";
--> statement-breakpoint
-- The case timeline and the taxonomy versions are evidence: append-only (refuse_change, from 0005).
CREATE TRIGGER conflict_case_events_append_only BEFORE UPDATE OR DELETE ON conflict_case_events FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER conflict_taxonomy_versions_append_only BEFORE UPDATE OR DELETE ON conflict_taxonomy_versions FOR EACH ROW EXECUTE FUNCTION refuse_change();
