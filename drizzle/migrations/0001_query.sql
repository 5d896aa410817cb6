CREATE TABLE "citizenlab" (
	"url" text NOT NULL,
	"cc" text NOT NULL,
	"category_code" text NOT NULL,
	"domain" text NOT NULL,
	CONSTRAINT "citizenlab_url_cc_pk" PRIMARY KEY("url","cc")
);
--> statement-breakpoint
CREATE TABLE "counters_daily" (
	"day" date NOT NULL,
	"probe_cc" text NOT NULL,
	"probe_asn" bigint NOT NULL,
	"test_name" text NOT NULL,
	"domain" text NOT NULL,
	"input_md5" text NOT NULL,
	"input" text NOT NULL,
	"blocking_type" text NOT NULL,
	"ooni_run_link_id" bigint NOT NULL,
	"measurement_count" integer NOT NULL,
	"anomaly_count" integer NOT NULL,
	"confirmed_count" integer NOT NULL,
	"failure_count" integer NOT NULL,
	"ok_count" integer NOT NULL,
	"anomaly_flag_count" integer NOT NULL,
	"confirmed_flag_count" integer NOT NULL,
	CONSTRAINT "counters_daily_day_probe_cc_probe_asn_test_name_domain_input_md5_blocking_type_ooni_run_link_id_pk" PRIMARY KEY("day","probe_cc","probe_asn","test_name","domain","input_md5","blocking_type","ooni_run_link_id")
);
--> statement-breakpoint
CREATE TABLE "counters_daily_network" (
	"day" date NOT NULL,
	"probe_cc" text NOT NULL,
	"probe_asn" bigint NOT NULL,
	"test_name" text NOT NULL,
	"measurement_count" integer NOT NULL,
	"anomaly_count" integer NOT NULL,
	"confirmed_count" integer NOT NULL,
	"failure_count" integer NOT NULL,
	"ok_count" integer NOT NULL,
	"anomaly_flag_count" integer NOT NULL,
	"confirmed_flag_count" integer NOT NULL,
	CONSTRAINT "counters_daily_network_day_probe_cc_probe_asn_test_name_pk" PRIMARY KEY("day","probe_cc","probe_asn","test_name")
);
--> statement-breakpoint
CREATE TABLE "counters_hourly" (
	"hour" timestamp NOT NULL,
	"probe_cc" text NOT NULL,
	"probe_asn" bigint NOT NULL,
	"test_name" text NOT NULL,
	"domain" text NOT NULL,
	"input_md5" text NOT NULL,
	"input" text NOT NULL,
	"blocking_type" text NOT NULL,
	"ooni_run_link_id" bigint NOT NULL,
	"measurement_count" integer NOT NULL,
	"anomaly_count" integer NOT NULL,
	"confirmed_count" integer NOT NULL,
	"failure_count" integer NOT NULL,
	"ok_count" integer NOT NULL,
	"anomaly_flag_count" integer NOT NULL,
	"confirmed_flag_count" integer NOT NULL,
	CONSTRAINT "counters_hourly_hour_probe_cc_probe_asn_test_name_domain_input_md5_blocking_type_ooni_run_link_id_pk" PRIMARY KEY("hour","probe_cc","probe_asn","test_name","domain","input_md5","blocking_type","ooni_run_link_id")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text NOT NULL,
	"window_seconds" integer NOT NULL,
	"window_start" bigint NOT NULL,
	"used" bigint NOT NULL,
	CONSTRAINT "rate_limits_key_window_seconds_window_start_pk" PRIMARY KEY("key","window_seconds","window_start")
);
--> statement-breakpoint
CREATE INDEX "citizenlab_category_idx" ON "citizenlab" USING btree ("category_code","cc");--> statement-breakpoint
CREATE INDEX "counters_daily_domain_idx" ON "counters_daily" USING btree ("domain","day");--> statement-breakpoint
CREATE INDEX "counters_daily_input_idx" ON "counters_daily" USING btree ("input_md5","day");--> statement-breakpoint
CREATE INDEX "counters_daily_cc_idx" ON "counters_daily" USING btree ("probe_cc","day");--> statement-breakpoint
CREATE INDEX "counters_daily_network_cc_idx" ON "counters_daily_network" USING btree ("probe_cc","day");--> statement-breakpoint
CREATE INDEX "rate_limits_window_start_idx" ON "rate_limits" USING btree ("window_start");--> statement-breakpoint
CREATE INDEX "fastpath_asn_time_idx" ON "fastpath" USING btree ("probe_asn","measurement_start_time");--> statement-breakpoint
CREATE INDEX "fastpath_test_time_idx" ON "fastpath" USING btree ("test_name","measurement_start_time");--> statement-breakpoint
CREATE INDEX "fastpath_domain_time_idx" ON "fastpath" USING btree ("domain","measurement_start_time");--> statement-breakpoint
CREATE INDEX "fastpath_input_hash_idx" ON "fastpath" USING hash ("input");--> statement-breakpoint
CREATE INDEX "fastpath_update_time_idx" ON "fastpath" USING btree ("update_time");