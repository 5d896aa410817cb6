CREATE TABLE "counters_daily_country" (
	"day" date NOT NULL,
	"probe_cc" text NOT NULL,
	"test_name" text NOT NULL,
	"measurement_count" integer NOT NULL,
	"anomaly_count" integer NOT NULL,
	"confirmed_count" integer NOT NULL,
	"failure_count" integer NOT NULL,
	"ok_count" integer NOT NULL,
	"anomaly_flag_count" integer NOT NULL,
	"confirmed_flag_count" integer NOT NULL,
	CONSTRAINT "counters_daily_country_day_probe_cc_test_name_pk" PRIMARY KEY("day","probe_cc","test_name")
);
--> statement-breakpoint
CREATE TABLE "counters_daily_input" (
	"day" date NOT NULL,
	"probe_cc" text NOT NULL,
	"test_name" text NOT NULL,
	"domain" text NOT NULL,
	"input_md5" text NOT NULL,
	"input" text NOT NULL,
	"measurement_count" integer NOT NULL,
	"anomaly_count" integer NOT NULL,
	"confirmed_count" integer NOT NULL,
	"failure_count" integer NOT NULL,
	"ok_count" integer NOT NULL,
	"anomaly_flag_count" integer NOT NULL,
	"confirmed_flag_count" integer NOT NULL,
	CONSTRAINT "counters_daily_input_day_probe_cc_test_name_domain_input_md5_pk" PRIMARY KEY("day","probe_cc","test_name","domain","input_md5")
);
--> statement-breakpoint
DROP INDEX "fastpath_input_hash_idx";--> statement-breakpoint
CREATE INDEX "counters_daily_input_domain_idx" ON "counters_daily_input" USING btree ("domain","day");--> statement-breakpoint
CREATE INDEX "counters_daily_input_md5_idx" ON "counters_daily_input" USING btree ("input_md5","day");--> statement-breakpoint
CREATE INDEX "counters_daily_input_cc_idx" ON "counters_daily_input" USING btree ("probe_cc","day");--> statement-breakpoint
CREATE INDEX "fastpath_cc_time_idx" ON "fastpath" USING btree ("probe_cc","measurement_start_time");--> statement-breakpoint
CREATE INDEX "fastpath_input_md5_time_idx" ON "fastpath" USING btree (md5("input"),"measurement_start_time");