ALTER TABLE "counters_daily_country" ADD COLUMN "blocking_type" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "counters_daily_country" DROP CONSTRAINT "counters_daily_country_day_probe_cc_test_name_pk";--> statement-breakpoint
ALTER TABLE "counters_daily_country" ADD CONSTRAINT "counters_daily_country_day_probe_cc_test_name_blocking_type_pk" PRIMARY KEY("day","probe_cc","test_name","blocking_type");
