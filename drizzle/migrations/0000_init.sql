CREATE TABLE "fastpath" (
	"measurement_uid" text PRIMARY KEY NOT NULL,
	"report_id" text NOT NULL,
	"input" text NOT NULL,
	"domain" text NOT NULL,
	"probe_cc" text NOT NULL,
	"probe_asn" bigint NOT NULL,
	"test_name" text NOT NULL,
	"test_start_time" timestamp NOT NULL,
	"measurement_start_time" timestamp NOT NULL,
	"scores" text NOT NULL,
	"platform" text NOT NULL,
	"anomaly" boolean NOT NULL,
	"confirmed" boolean NOT NULL,
	"msm_failure" boolean NOT NULL,
	"blocking_type" text NOT NULL,
	"software_name" text NOT NULL,
	"software_version" text NOT NULL,
	"test_version" text NOT NULL,
	"test_runtime" double precision NOT NULL,
	"architecture" text NOT NULL,
	"engine_name" text NOT NULL,
	"engine_version" text NOT NULL,
	"test_helper_address" text NOT NULL,
	"test_helper_type" text NOT NULL,
	"ooni_run_link_id" bigint,
	"is_verified" text DEFAULT 'u' NOT NULL,
	"fingerprints_version" text DEFAULT '' NOT NULL,
	"update_time" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "faulty_measurements" (
	"measurement_uid" text PRIMARY KEY NOT NULL,
	"object_key" text NOT NULL,
	"code" text NOT NULL,
	"reason" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ts" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jsonl" (
	"measurement_uid" text PRIMARY KEY NOT NULL,
	"report_id" text NOT NULL,
	"input" text NOT NULL,
	"s3path" text NOT NULL,
	"linenum" integer NOT NULL,
	"update_time" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"report_id" text PRIMARY KEY NOT NULL,
	"test_name" text NOT NULL,
	"probe_cc" text NOT NULL,
	"probe_asn" bigint NOT NULL,
	"software_name" text NOT NULL,
	"software_version" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "staged" (
	"measurement_uid" text PRIMARY KEY NOT NULL,
	"bucket_hour" timestamp NOT NULL,
	"probe_cc" text NOT NULL,
	"test_name" text NOT NULL,
	"report_id" text NOT NULL,
	"input" text NOT NULL,
	"object_key" text NOT NULL,
	"staged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sealed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "uploads" (
	"measurement_uid" text PRIMARY KEY NOT NULL,
	"dedupe_key" text NOT NULL,
	"object_key" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "fastpath_measurement_start_time_idx" ON "fastpath" USING btree ("measurement_start_time");--> statement-breakpoint
CREATE INDEX "fastpath_report_id_input_idx" ON "fastpath" USING btree ("report_id","input");--> statement-breakpoint
CREATE INDEX "fastpath_cc_test_time_idx" ON "fastpath" USING btree ("probe_cc","test_name","measurement_start_time");--> statement-breakpoint
CREATE INDEX "jsonl_report_id_input_idx" ON "jsonl" USING btree ("report_id","input");--> statement-breakpoint
CREATE UNIQUE INDEX "jsonl_s3path_linenum_idx" ON "jsonl" USING btree ("s3path","linenum");--> statement-breakpoint
CREATE INDEX "reports_opened_at_idx" ON "reports" USING btree ("opened_at");--> statement-breakpoint
CREATE INDEX "staged_bucket_idx" ON "staged" USING btree ("bucket_hour","probe_cc","test_name");--> statement-breakpoint
CREATE UNIQUE INDEX "uploads_dedupe_key_idx" ON "uploads" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "uploads_received_at_idx" ON "uploads" USING btree ("received_at");