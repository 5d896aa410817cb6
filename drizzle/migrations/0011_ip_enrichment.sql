CREATE TABLE "data_quality_flags" (
	"measurement_uid" text NOT NULL,
	"type" text NOT NULL,
	"probe_cc" text NOT NULL,
	"probe_asn" bigint NOT NULL,
	"measurement_start_time" timestamp NOT NULL,
	"details" jsonb NOT NULL,
	"ts" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_quality_flags_measurement_uid_type_pk" PRIMARY KEY("measurement_uid","type")
);
--> statement-breakpoint
CREATE INDEX "data_quality_flags_time_idx" ON "data_quality_flags" USING btree ("measurement_start_time");--> statement-breakpoint
CREATE INDEX "data_quality_flags_type_time_idx" ON "data_quality_flags" USING btree ("type","measurement_start_time");