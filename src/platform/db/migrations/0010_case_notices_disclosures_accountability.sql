CREATE TYPE "public"."staff_disclosure_status" AS ENUM('pending', 'no_conflict', 'cleared_with_conditions', 'rejected', 'review_due');--> statement-breakpoint
CREATE TYPE "public"."conflict_sanction_state" AS ENUM('planned', 'completed', 'waived');--> statement-breakpoint
CREATE TABLE "conflict_case_sanctions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"violation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"description" text,
	"state" "conflict_sanction_state" DEFAULT 'planned' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"decided_on" date NOT NULL,
	"due_on" date,
	"amount_minor" bigint,
	"currency" text,
	"decided_by" uuid,
	"decision_comment" text,
	"settled_on" date,
	"settled_by" uuid,
	"settle_comment" text,
	"union_notified_on" date,
	"waive_reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conflict_case_stage_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"state" "conflict_case_state" NOT NULL,
	"stage_entered_on" date NOT NULL,
	"notice" text NOT NULL,
	"due_on" date NOT NULL,
	"recipient_ids" uuid[] NOT NULL,
	"sent_on" date NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conflict_case_violations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"rule" text NOT NULL,
	"finding" text NOT NULL,
	"found_on" date NOT NULL,
	"serious" boolean NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_disclosure_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"disclosure_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"comment" text NOT NULL,
	"decided_by" uuid,
	"decided_on" date NOT NULL,
	"conditions" jsonb,
	"expires_on" date,
	"required_action" text,
	"action_due_on" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_disclosures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ref" text NOT NULL,
	"status" "staff_disclosure_status" DEFAULT 'pending' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"user_id" uuid NOT NULL,
	"summary" text NOT NULL,
	"declaration_id" uuid,
	"declaration_item" integer,
	"item" jsonb,
	"client_id" uuid,
	"case_id" uuid,
	"decided_by" uuid,
	"decided_on" date,
	"decision_comment" text,
	"conditions" jsonb,
	"expires_on" date,
	"required_action" text,
	"action_due_on" date,
	"reminders_sent" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"review_reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_disclosures_ref_unique" UNIQUE("ref")
);
--> statement-breakpoint
ALTER TABLE "conflict_case_sanctions" ADD CONSTRAINT "conflict_case_sanctions_violation_id_conflict_case_violations_id_fk" FOREIGN KEY ("violation_id") REFERENCES "public"."conflict_case_violations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_case_sanctions" ADD CONSTRAINT "conflict_case_sanctions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_case_sanctions" ADD CONSTRAINT "conflict_case_sanctions_settled_by_users_id_fk" FOREIGN KEY ("settled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_case_stage_notices" ADD CONSTRAINT "conflict_case_stage_notices_case_id_conflict_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."conflict_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_case_violations" ADD CONSTRAINT "conflict_case_violations_case_id_conflict_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."conflict_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_case_violations" ADD CONSTRAINT "conflict_case_violations_person_id_users_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_case_violations" ADD CONSTRAINT "conflict_case_violations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_disclosure_decisions" ADD CONSTRAINT "staff_disclosure_decisions_disclosure_id_staff_disclosures_id_fk" FOREIGN KEY ("disclosure_id") REFERENCES "public"."staff_disclosures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_disclosure_decisions" ADD CONSTRAINT "staff_disclosure_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_disclosures" ADD CONSTRAINT "staff_disclosures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_disclosures" ADD CONSTRAINT "staff_disclosures_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_disclosures" ADD CONSTRAINT "staff_disclosures_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_disclosures" ADD CONSTRAINT "staff_disclosures_case_id_conflict_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."conflict_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_disclosures" ADD CONSTRAINT "staff_disclosures_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_disclosures" ADD CONSTRAINT "staff_disclosures_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conflict_case_sanctions_violation_idx" ON "conflict_case_sanctions" USING btree ("violation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conflict_case_stage_notices_once_idx" ON "conflict_case_stage_notices" USING btree ("case_id","state","stage_entered_on","notice");--> statement-breakpoint
CREATE INDEX "conflict_case_violations_case_idx" ON "conflict_case_violations" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "conflict_case_violations_person_idx" ON "conflict_case_violations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "staff_disclosure_decisions_disclosure_idx" ON "staff_disclosure_decisions" USING btree ("disclosure_id","created_at");--> statement-breakpoint
CREATE INDEX "staff_disclosures_user_idx" ON "staff_disclosures" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "staff_disclosures_status_idx" ON "staff_disclosures" USING btree ("status","expires_on");--> statement-breakpoint
CREATE INDEX "staff_disclosures_case_idx" ON "staff_disclosures" USING btree ("case_id");--> statement-breakpoint
CREATE SEQUENCE "staff_disclosure_ref_seq";--> statement-breakpoint
-- Disclosure decisions and violations are evidence: append-only (refuse_change, from 0005).
CREATE TRIGGER staff_disclosure_decisions_append_only BEFORE UPDATE OR DELETE ON staff_disclosure_decisions FOR EACH ROW EXECUTE FUNCTION refuse_change();--> statement-breakpoint
CREATE TRIGGER conflict_case_violations_append_only BEFORE UPDATE OR DELETE ON conflict_case_violations FOR EACH ROW EXECUTE FUNCTION refuse_change();
