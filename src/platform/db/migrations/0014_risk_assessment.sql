CREATE TYPE "public"."risk_subject" AS ENUM('client', 'staff');--> statement-breakpoint
CREATE TABLE "risk_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessed_on" date NOT NULL,
	"trigger" text NOT NULL,
	"requested_by" uuid,
	"clients" integer NOT NULL,
	"staff" integer NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_scores" (
	"run_id" uuid NOT NULL,
	"subject_type" "risk_subject" NOT NULL,
	"subject_id" uuid NOT NULL,
	"department_id" uuid,
	"assessed_on" date NOT NULL,
	"score" integer NOT NULL,
	"categories" jsonb NOT NULL,
	"factors" jsonb NOT NULL,
	CONSTRAINT "risk_scores_run_id_subject_type_subject_id_pk" PRIMARY KEY("run_id","subject_type","subject_id")
);
--> statement-breakpoint
CREATE TABLE "risk_settings" (
	"id" text PRIMARY KEY DEFAULT 'firm' NOT NULL,
	"frequency" text DEFAULT 'monthly' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "risk_runs" ADD CONSTRAINT "risk_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_scores" ADD CONSTRAINT "risk_scores_run_id_risk_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."risk_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_scores" ADD CONSTRAINT "risk_scores_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_settings" ADD CONSTRAINT "risk_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "risk_scores_subject_idx" ON "risk_scores" USING btree ("subject_type","subject_id","assessed_on");--> statement-breakpoint
CREATE TRIGGER risk_scores_append_only BEFORE UPDATE OR DELETE ON risk_scores FOR EACH ROW EXECUTE FUNCTION refuse_change();
