CREATE TABLE "analysis_cursor" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analysis_hours" (
	"hour" timestamp(0) PRIMARY KEY NOT NULL,
	"observed_seq" bigint DEFAULT 0 NOT NULL,
	"analysed_seq" bigint DEFAULT 0 NOT NULL,
	"first_analysed_at" timestamp with time zone,
	"analysed_at" timestamp with time zone,
	"rows" integer DEFAULT 0 NOT NULL,
	"faulty" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "observation_status" (
	"measurement_uid" text PRIMARY KEY NOT NULL,
	"hour" timestamp(0) NOT NULL,
	"test_name" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"obs_web_rows" integer NOT NULL,
	"obs_web_ctrl_rows" integer NOT NULL,
	"obs_http_middlebox_rows" integer NOT NULL,
	"transformer_version" text NOT NULL,
	"enrichment_version" text NOT NULL,
	"seq" bigserial NOT NULL,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "analysis_hours_due_idx" ON "analysis_hours" USING btree ("hour","observed_seq","analysed_seq");--> statement-breakpoint
CREATE INDEX "observation_status_hour_seq_idx" ON "observation_status" USING btree ("hour","seq");--> statement-breakpoint
CREATE INDEX "observation_status_seq_idx" ON "observation_status" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "observation_status_hour_test_uid_idx" ON "observation_status" USING btree ("hour","test_name","measurement_uid");