CREATE TYPE "public"."client_status" AS ENUM('prospect', 'active', 'former');--> statement-breakpoint
CREATE TYPE "public"."declaration_status" AS ENUM('submitted', 'accepted', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."identifier_scheme" AS ENUM('uscc', 'cn_resident_id', 'passport', 'other');--> statement-breakpoint
CREATE TYPE "public"."name_language" AS ENUM('zh-Hans', 'zh-Hant', 'en', 'pinyin', 'other');--> statement-breakpoint
CREATE TYPE "public"."name_type" AS ENUM('primary', 'alias', 'former', 'english', 'abbreviation', 'traditional');--> statement-breakpoint
CREATE TYPE "public"."party_kind" AS ENUM('person', 'org');--> statement-breakpoint
CREATE TYPE "public"."record_source" AS ENUM('manual', 'declared', 'imported', 'ftm', 'seed');--> statement-breakpoint
CREATE TYPE "public"."relationship_type" AS ENUM('spouse', 'parent', 'child', 'sibling', 'relative', 'shareholder', 'director', 'supervisor', 'legal_representative', 'employee', 'business_partner', 'public_official', 'same_address', 'same_phone');--> statement-breakpoint
CREATE TABLE "client_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"role" text,
	"title" text,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"party_id" uuid NOT NULL,
	"status" "client_status" NOT NULL,
	"owner_user_id" uuid,
	"department_id" uuid,
	"service_lines" text[] DEFAULT '{}'::text[] NOT NULL,
	"start_date" date,
	"end_date" date,
	"annual_revenue_minor" bigint,
	"revenue_currency" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"status" "declaration_status" NOT NULL,
	"items" jsonb NOT NULL,
	"statement" text,
	"submitted_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp (3) with time zone,
	"review_comment" text
);
--> statement-breakpoint
CREATE TABLE "parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "party_kind" NOT NULL,
	"primary_name" text NOT NULL,
	"ref" text,
	"country" text,
	"address" text,
	"notes" text,
	"user_id" uuid,
	"public_official" boolean DEFAULT false NOT NULL,
	"official_position" text,
	"source" "record_source" DEFAULT 'manual' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp (3) with time zone,
	"end_reason" text
);
--> statement-breakpoint
CREATE TABLE "party_identifiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"party_id" uuid NOT NULL,
	"scheme" "identifier_scheme" NOT NULL,
	"value" text NOT NULL,
	"country" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "party_names" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"party_id" uuid NOT NULL,
	"name" text NOT NULL,
	"normalized" text NOT NULL,
	"language" "name_language" NOT NULL,
	"name_type" "name_type" NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "relationships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_party_id" uuid NOT NULL,
	"to_party_id" uuid NOT NULL,
	"type" "relationship_type" NOT NULL,
	"share_basis_points" integer,
	"role" text,
	"valid_from" date,
	"valid_to" date,
	"source" "record_source" NOT NULL,
	"declaration_id" uuid,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"superseded_by_id" uuid,
	"superseded_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "client_contacts" ADD CONSTRAINT "client_contacts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_contacts" ADD CONSTRAINT "client_contacts_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parties" ADD CONSTRAINT "parties_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_identifiers" ADD CONSTRAINT "party_identifiers_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_names" ADD CONSTRAINT "party_names_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_from_party_id_parties_id_fk" FOREIGN KEY ("from_party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_to_party_id_parties_id_fk" FOREIGN KEY ("to_party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_contacts_client_idx" ON "client_contacts" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "client_contacts_party_idx" ON "client_contacts" USING btree ("party_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clients_party_idx" ON "clients" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "clients_owner_idx" ON "clients" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "clients_department_idx" ON "clients" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "declarations_user_idx" ON "declarations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "declarations_status_idx" ON "declarations" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "parties_ref_idx" ON "parties" USING btree ("ref");--> statement-breakpoint
CREATE UNIQUE INDEX "parties_user_idx" ON "parties" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "parties_primary_name_idx" ON "parties" USING btree ("primary_name");--> statement-breakpoint
CREATE INDEX "party_identifiers_party_idx" ON "party_identifiers" USING btree ("party_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_identifiers_live_idx" ON "party_identifiers" USING btree ("scheme","value") WHERE "party_identifiers"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "party_names_party_idx" ON "party_names" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "party_names_normalized_idx" ON "party_names" USING btree ("normalized");--> statement-breakpoint
CREATE INDEX "relationships_from_idx" ON "relationships" USING btree ("from_party_id");--> statement-breakpoint
CREATE INDEX "relationships_to_idx" ON "relationships" USING btree ("to_party_id");--> statement-breakpoint
CREATE INDEX "relationships_type_idx" ON "relationships" USING btree ("type");