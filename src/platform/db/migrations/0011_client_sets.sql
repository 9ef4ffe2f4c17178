CREATE TYPE "public"."client_set_status" AS ENUM('active', 'retired');--> statement-breakpoint
CREATE TABLE "client_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"client_ids" uuid[] NOT NULL,
	"status" "client_set_status" DEFAULT 'active' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "information_barriers" ADD COLUMN "client_set_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "recusals" ADD COLUMN "client_set_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "client_sets" ADD CONSTRAINT "client_sets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "client_sets_active_name_idx" ON "client_sets" USING btree ("name") WHERE "client_sets"."status" = 'active';--> statement-breakpoint
CREATE INDEX "client_sets_client_ids_idx" ON "client_sets" USING gin ("client_ids");--> statement-breakpoint
CREATE INDEX "information_barriers_client_set_ids_idx" ON "information_barriers" USING gin ("client_set_ids");--> statement-breakpoint
CREATE INDEX "recusals_client_set_ids_idx" ON "recusals" USING gin ("client_set_ids");