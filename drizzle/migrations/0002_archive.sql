CREATE TABLE "archive_members" (
	"measurement_uid" text PRIMARY KEY NOT NULL,
	"jsonl_key" text NOT NULL,
	"linenum" integer NOT NULL,
	"object_key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "archive_parts" (
	"jsonl_key" text PRIMARY KEY NOT NULL,
	"postcan_key" text NOT NULL,
	"bucket_hour" timestamp NOT NULL,
	"probe_cc" text NOT NULL,
	"test_name" text NOT NULL,
	"part" integer NOT NULL,
	"state" text DEFAULT 'planned' NOT NULL,
	"members" integer NOT NULL,
	"planned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "archive_members_part_line_idx" ON "archive_members" USING btree ("jsonl_key","linenum");--> statement-breakpoint
CREATE UNIQUE INDEX "archive_parts_bucket_part_idx" ON "archive_parts" USING btree ("bucket_hour","probe_cc","test_name","part");--> statement-breakpoint
CREATE INDEX "archive_parts_state_idx" ON "archive_parts" USING btree ("state");