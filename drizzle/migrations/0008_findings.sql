CREATE TABLE "findings" (
	"finding_id" text PRIMARY KEY NOT NULL,
	"finding_slug" text NOT NULL,
	"create_time" timestamp(6) with time zone NOT NULL,
	"update_time" timestamp(6) with time zone NOT NULL,
	"start_time" timestamp(6) with time zone NOT NULL,
	"end_time" timestamp(6) with time zone,
	"creator_account_id" text NOT NULL,
	"title" text NOT NULL,
	"short_description" text NOT NULL,
	"text" text NOT NULL,
	"reported_by" text NOT NULL,
	"email_address" text NOT NULL,
	"event_type" text NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"country_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"asns" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"links" text[] DEFAULT '{}'::text[] NOT NULL,
	"test_names" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "findings_slug_idx" ON "findings" USING btree ("finding_slug");--> statement-breakpoint
CREATE INDEX "findings_creator_idx" ON "findings" USING btree ("creator_account_id");