CREATE TYPE "public"."approval_step_status" AS ENUM('waiting', 'pending', 'approved', 'rejected', 'returned', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."benefit_direction" AS ENUM('given', 'received');--> statement-breakpoint
CREATE TYPE "public"."benefit_request_state" AS ENUM('draft', 'submitted', 'in_approval', 'returned', 'approved', 'partially_paid', 'paid', 'closed', 'rejected', 'withdrawn', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."benefit_total_scope" AS ENUM('recipient', 'client');--> statement-breakpoint
CREATE TYPE "public"."benefit_type" AS ENUM('cash_rebate', 'discount', 'gift', 'hospitality', 'points', 'sponsorship', 'other');--> statement-breakpoint
CREATE TYPE "public"."evidence_kind" AS ENUM('invoice', 'contract_clause', 'photo', 'guest_list', 'other');--> statement-breakpoint
CREATE TYPE "public"."ledger_entry_kind" AS ENUM('request', 'approval', 'payment', 'reversal');--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'director' BEFORE 'finance';--> statement-breakpoint
CREATE TABLE "approval_delegations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_user_id" uuid NOT NULL,
	"to_user_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	"revoked_by" uuid
);
--> statement-breakpoint
CREATE TABLE "authority_matrix_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"escalation_roles" text[] NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benefit_approval_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"step_order" integer NOT NULL,
	"spec" jsonb NOT NULL,
	"approver_ids" uuid[] NOT NULL,
	"skipped" jsonb NOT NULL,
	"escalated_to" text,
	"status" "approval_step_status" NOT NULL,
	"activated_at" timestamp (3) with time zone,
	"last_reminded_at" timestamp (3) with time zone,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "benefit_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"evidence_kind" "evidence_kind" NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp (3) with time zone,
	"removed_by" uuid
);
--> statement-breakpoint
CREATE TABLE "benefit_blackouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp (3) with time zone,
	"lifted_by" uuid
);
--> statement-breakpoint
CREATE TABLE "benefit_ledger_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" "ledger_entry_kind" NOT NULL,
	"entry_date" date NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"rate_numerator" bigint,
	"rate_denominator" bigint,
	"amount_cny_minor" bigint NOT NULL,
	"direction" "benefit_direction" NOT NULL,
	"benefit_type" "benefit_type" NOT NULL,
	"client_id" uuid,
	"counterparty_party_id" uuid NOT NULL,
	"requester_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"payment_method" text,
	"voucher_no" text,
	"reverses_entry_id" uuid,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benefit_policy_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"effective_from" date NOT NULL,
	"types" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benefit_request_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"step_id" uuid,
	"kind" text NOT NULL,
	"from_state" "benefit_request_state",
	"to_state" "benefit_request_state",
	"actor_id" uuid,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"comment" text,
	"evidence" jsonb
);
--> statement-breakpoint
CREATE TABLE "benefit_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ref" text NOT NULL,
	"direction" "benefit_direction" NOT NULL,
	"state" "benefit_request_state" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"requester_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"benefit_type" "benefit_type" NOT NULL,
	"counterparty_party_id" uuid NOT NULL,
	"client_id" uuid,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"rate_numerator" bigint,
	"rate_denominator" bigint,
	"amount_cny_minor" bigint NOT NULL,
	"benefit_date" date NOT NULL,
	"purpose" text NOT NULL,
	"justification" text,
	"policy_version" integer,
	"matrix_version" integer,
	"authority_rule_id" text,
	"precheck" jsonb,
	"risk_score" integer,
	"round" integer DEFAULT 0 NOT NULL,
	"approved_amount_minor" bigint,
	"paid_minor" bigint DEFAULT 0 NOT NULL,
	"counted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp (3) with time zone,
	"approved_at" timestamp (3) with time zone,
	"closed_at" timestamp (3) with time zone,
	CONSTRAINT "benefit_requests_ref_unique" UNIQUE("ref")
);
--> statement-breakpoint
CREATE TABLE "benefit_settings" (
	"id" text PRIMARY KEY DEFAULT 'firm' NOT NULL,
	"reminder_after_hours" integer DEFAULT 24 NOT NULL,
	"attachment_max_mb" integer DEFAULT 10 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benefit_totals" (
	"scope" "benefit_total_scope" NOT NULL,
	"subject_id" uuid NOT NULL,
	"benefit_type" "benefit_type" NOT NULL,
	"month" date NOT NULL,
	"amount_cny_minor" bigint NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "benefit_totals_scope_subject_id_benefit_type_month_pk" PRIMARY KEY("scope","subject_id","benefit_type","month")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb NOT NULL,
	"entity_type" text,
	"entity_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp (3) with time zone,
	"emailed_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "approval_delegations" ADD CONSTRAINT "approval_delegations_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_delegations" ADD CONSTRAINT "approval_delegations_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_delegations" ADD CONSTRAINT "approval_delegations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_delegations" ADD CONSTRAINT "approval_delegations_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authority_matrix_versions" ADD CONSTRAINT "authority_matrix_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_approval_steps" ADD CONSTRAINT "benefit_approval_steps_request_id_benefit_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."benefit_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_approval_steps" ADD CONSTRAINT "benefit_approval_steps_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_attachments" ADD CONSTRAINT "benefit_attachments_request_id_benefit_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."benefit_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_attachments" ADD CONSTRAINT "benefit_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_attachments" ADD CONSTRAINT "benefit_attachments_removed_by_users_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_blackouts" ADD CONSTRAINT "benefit_blackouts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_blackouts" ADD CONSTRAINT "benefit_blackouts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_blackouts" ADD CONSTRAINT "benefit_blackouts_lifted_by_users_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_ledger_entries" ADD CONSTRAINT "benefit_ledger_entries_request_id_benefit_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."benefit_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_ledger_entries" ADD CONSTRAINT "benefit_ledger_entries_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_ledger_entries" ADD CONSTRAINT "benefit_ledger_entries_counterparty_party_id_parties_id_fk" FOREIGN KEY ("counterparty_party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_ledger_entries" ADD CONSTRAINT "benefit_ledger_entries_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_ledger_entries" ADD CONSTRAINT "benefit_ledger_entries_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_ledger_entries" ADD CONSTRAINT "benefit_ledger_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_policy_versions" ADD CONSTRAINT "benefit_policy_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_request_events" ADD CONSTRAINT "benefit_request_events_request_id_benefit_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."benefit_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_request_events" ADD CONSTRAINT "benefit_request_events_step_id_benefit_approval_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."benefit_approval_steps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_request_events" ADD CONSTRAINT "benefit_request_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_requests" ADD CONSTRAINT "benefit_requests_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_requests" ADD CONSTRAINT "benefit_requests_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_requests" ADD CONSTRAINT "benefit_requests_counterparty_party_id_parties_id_fk" FOREIGN KEY ("counterparty_party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_requests" ADD CONSTRAINT "benefit_requests_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_settings" ADD CONSTRAINT "benefit_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approval_delegations_from_idx" ON "approval_delegations" USING btree ("from_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "benefit_approval_steps_order_idx" ON "benefit_approval_steps" USING btree ("request_id","round","step_order");--> statement-breakpoint
CREATE INDEX "benefit_approval_steps_pending_idx" ON "benefit_approval_steps" USING btree ("status","activated_at");--> statement-breakpoint
CREATE INDEX "benefit_approval_steps_approvers_idx" ON "benefit_approval_steps" USING gin ("approver_ids");--> statement-breakpoint
CREATE INDEX "benefit_attachments_request_idx" ON "benefit_attachments" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "benefit_blackouts_client_idx" ON "benefit_blackouts" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "benefit_ledger_request_idx" ON "benefit_ledger_entries" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "benefit_ledger_date_idx" ON "benefit_ledger_entries" USING btree ("entry_date");--> statement-breakpoint
CREATE INDEX "benefit_ledger_client_idx" ON "benefit_ledger_entries" USING btree ("client_id","entry_date");--> statement-breakpoint
CREATE INDEX "benefit_ledger_counterparty_idx" ON "benefit_ledger_entries" USING btree ("counterparty_party_id","entry_date");--> statement-breakpoint
CREATE INDEX "benefit_ledger_requester_idx" ON "benefit_ledger_entries" USING btree ("requester_id","entry_date");--> statement-breakpoint
CREATE INDEX "benefit_ledger_department_idx" ON "benefit_ledger_entries" USING btree ("department_id","entry_date");--> statement-breakpoint
CREATE INDEX "benefit_ledger_type_idx" ON "benefit_ledger_entries" USING btree ("benefit_type","entry_date");--> statement-breakpoint
CREATE UNIQUE INDEX "benefit_ledger_reversal_idx" ON "benefit_ledger_entries" USING btree ("reverses_entry_id") WHERE "benefit_ledger_entries"."reverses_entry_id" is not null;--> statement-breakpoint
CREATE INDEX "benefit_request_events_request_idx" ON "benefit_request_events" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "benefit_requests_requester_idx" ON "benefit_requests" USING btree ("requester_id","created_at");--> statement-breakpoint
CREATE INDEX "benefit_requests_state_idx" ON "benefit_requests" USING btree ("state");--> statement-breakpoint
CREATE INDEX "benefit_requests_counterparty_idx" ON "benefit_requests" USING btree ("counterparty_party_id");--> statement-breakpoint
CREATE INDEX "benefit_requests_client_idx" ON "benefit_requests" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "benefit_requests_department_idx" ON "benefit_requests" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
-- Request references (BR-2026-000001) count up across the firm.
CREATE SEQUENCE "benefit_request_ref_seq";
--> statement-breakpoint
-- Records kept as evidence are append-only; one function refuses changes for every such table.
-- Here: policy and matrix versions, the request history and the ledger.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER benefit_policy_versions_append_only BEFORE UPDATE OR DELETE ON benefit_policy_versions FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER authority_matrix_versions_append_only BEFORE UPDATE OR DELETE ON authority_matrix_versions FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER benefit_request_events_append_only BEFORE UPDATE OR DELETE ON benefit_request_events FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER benefit_ledger_entries_append_only BEFORE UPDATE OR DELETE ON benefit_ledger_entries FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
INSERT INTO "benefit_settings" ("id") VALUES ('firm');
