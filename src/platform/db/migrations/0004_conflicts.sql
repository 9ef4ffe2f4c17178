CREATE TYPE "public"."conflict_check_level" AS ENUM('none', 'possible', 'likely');--> statement-breakpoint
CREATE TYPE "public"."match_mode" AS ENUM('fuzzy', 'exact');--> statement-breakpoint
CREATE TABLE "conflict_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ref" text NOT NULL,
	"checked_by" uuid,
	"checked_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"mode" "match_mode" NOT NULL,
	"hops" integer NOT NULL,
	"purpose" text,
	"level" "conflict_check_level" NOT NULL,
	"hit_count" integer NOT NULL,
	"results" jsonb NOT NULL,
	"subject_names" text NOT NULL,
	"index_size" integer NOT NULL,
	"took_ms" integer NOT NULL,
	CONSTRAINT "conflict_checks_ref_unique" UNIQUE("ref")
);
--> statement-breakpoint
CREATE TABLE "conflict_settings" (
	"id" text PRIMARY KEY DEFAULT 'firm' NOT NULL,
	"default_mode" "match_mode" DEFAULT 'fuzzy' NOT NULL,
	"default_hops" integer DEFAULT 2 NOT NULL,
	"min_score" real DEFAULT 0.5 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conflict_checks" ADD CONSTRAINT "conflict_checks_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_settings" ADD CONSTRAINT "conflict_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conflict_checks_by_idx" ON "conflict_checks" USING btree ("checked_by","checked_at");--> statement-breakpoint
CREATE INDEX "conflict_checks_at_idx" ON "conflict_checks" USING btree ("checked_at");--> statement-breakpoint
-- Check references (CC-2026-000001) count up across the firm.
CREATE SEQUENCE "conflict_check_ref_seq";
--> statement-breakpoint
-- A saved check is evidence of what was known at the time: the database refuses to change it.
CREATE FUNCTION conflict_checks_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'conflict_checks is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER conflict_checks_no_update_delete BEFORE UPDATE OR DELETE ON conflict_checks
  FOR EACH ROW EXECUTE FUNCTION conflict_checks_refuse_change();
--> statement-breakpoint
INSERT INTO "conflict_settings" ("id") VALUES ('firm');
