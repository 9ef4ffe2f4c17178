CREATE TYPE "public"."alert_state" AS ENUM('new', 'reviewing', 'dismissed', 'escalated');--> statement-breakpoint
CREATE TABLE "domain_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"xid" bigint DEFAULT (pg_current_xact_id()::text)::bigint NOT NULL,
	"type" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"payload" jsonb NOT NULL,
	"actor_id" uuid,
	"occurred_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alert_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"comment" text,
	"evidence" jsonb
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ref" text NOT NULL,
	"rule" text NOT NULL,
	"rule_version" integer NOT NULL,
	"key" text NOT NULL,
	"state" "alert_state" DEFAULT 'new' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"score" integer NOT NULL,
	"client_id" uuid,
	"recipient_party_id" uuid,
	"user_id" uuid,
	"department_id" uuid,
	"client_ids" uuid[] NOT NULL,
	"party_ids" uuid[] NOT NULL,
	"request_ids" uuid[] NOT NULL,
	"requests" jsonb NOT NULL,
	"reason" jsonb NOT NULL,
	"hits" integer DEFAULT 1 NOT NULL,
	"first_seq" bigint NOT NULL,
	"last_seq" bigint NOT NULL,
	"assignee_id" uuid,
	"case_id" uuid,
	"dismiss_reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp (3) with time zone,
	CONSTRAINT "alerts_ref_unique" UNIQUE("ref")
);
--> statement-breakpoint
CREATE TABLE "monitoring_cursor" (
	"id" text PRIMARY KEY NOT NULL,
	"last_xid" bigint NOT NULL,
	"last_event_id" bigint NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"source_event_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"day" date NOT NULL,
	"event" jsonb NOT NULL,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_rule_versions" (
	"rule" text NOT NULL,
	"version" integer NOT NULL,
	"enabled" boolean NOT NULL,
	"weight" integer NOT NULL,
	"params" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_rule_versions_rule_version_pk" PRIMARY KEY("rule","version")
);
--> statement-breakpoint
ALTER TABLE "alert_history" ADD CONSTRAINT "alert_history_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_history" ADD CONSTRAINT "alert_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_recipient_party_id_parties_id_fk" FOREIGN KEY ("recipient_party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_rule_versions" ADD CONSTRAINT "monitoring_rule_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "domain_events_order_idx" ON "domain_events" USING btree ("xid","id");--> statement-breakpoint
CREATE INDEX "domain_events_entity_idx" ON "domain_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "alert_history_alert_idx" ON "alert_history" USING btree ("alert_id","at");--> statement-breakpoint
CREATE INDEX "alerts_key_idx" ON "alerts" USING btree ("key");--> statement-breakpoint
CREATE INDEX "alerts_state_idx" ON "alerts" USING btree ("state","score");--> statement-breakpoint
CREATE INDEX "alerts_client_idx" ON "alerts" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "alerts_requests_idx" ON "alerts" USING gin ("request_ids");--> statement-breakpoint
CREATE INDEX "monitoring_events_day_idx" ON "monitoring_events" USING btree ("day");--> statement-breakpoint
CREATE INDEX "monitoring_events_source_idx" ON "monitoring_events" USING btree ("source_event_id");--> statement-breakpoint
CREATE SEQUENCE "alert_ref_seq";--> statement-breakpoint
-- The outbox, the engine's log, rule versions and alert history are evidence: append-only (refuse_change, from 0005).
CREATE TRIGGER domain_events_append_only BEFORE UPDATE OR DELETE ON domain_events FOR EACH ROW EXECUTE FUNCTION refuse_change();--> statement-breakpoint
CREATE TRIGGER monitoring_events_append_only BEFORE UPDATE OR DELETE ON monitoring_events FOR EACH ROW EXECUTE FUNCTION refuse_change();--> statement-breakpoint
CREATE TRIGGER monitoring_rule_versions_append_only BEFORE UPDATE OR DELETE ON monitoring_rule_versions FOR EACH ROW EXECUTE FUNCTION refuse_change();--> statement-breakpoint
CREATE TRIGGER alert_history_append_only BEFORE UPDATE OR DELETE ON alert_history FOR EACH ROW EXECUTE FUNCTION refuse_change();
