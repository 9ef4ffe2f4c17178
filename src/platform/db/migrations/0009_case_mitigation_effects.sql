CREATE TABLE "conflict_case_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conflict_case_mitigations" ADD COLUMN "record_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "conflict_case_mitigations" ADD COLUMN "consents" jsonb;--> statement-breakpoint
ALTER TABLE "conflict_case_mitigations" ADD COLUMN "effect_note" text;--> statement-breakpoint
ALTER TABLE "conflict_case_attachments" ADD CONSTRAINT "conflict_case_attachments_case_id_conflict_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."conflict_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_case_attachments" ADD CONSTRAINT "conflict_case_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conflict_case_attachments_case_idx" ON "conflict_case_attachments" USING btree ("case_id","uploaded_at");--> statement-breakpoint
-- A case's evidence files are never edited or deleted (refuse_change, from 0005).
CREATE TRIGGER conflict_case_attachments_append_only BEFORE UPDATE OR DELETE ON conflict_case_attachments FOR EACH ROW EXECUTE FUNCTION refuse_change();
