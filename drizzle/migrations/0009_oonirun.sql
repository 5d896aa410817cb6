CREATE TABLE "oonirun_links" (
	"oonirun_link_id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "oonirun_links_oonirun_link_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 10000 CACHE 1),
	"creator_account_id" text NOT NULL,
	"revision" integer NOT NULL,
	"date_created" timestamp with time zone NOT NULL,
	"date_updated" timestamp with time zone NOT NULL,
	"expiration_date" timestamp with time zone NOT NULL,
	"name" text NOT NULL,
	"name_intl" jsonb,
	"short_description" text NOT NULL,
	"short_description_intl" jsonb,
	"description" text NOT NULL,
	"description_intl" jsonb,
	"author" text NOT NULL,
	"icon" text,
	"color" text
);
--> statement-breakpoint
CREATE TABLE "oonirun_nettests" (
	"oonirun_link_id" bigint NOT NULL,
	"revision" integer NOT NULL,
	"nettest_index" integer NOT NULL,
	"date_created" timestamp with time zone NOT NULL,
	"test_name" text NOT NULL,
	"inputs" jsonb,
	"inputs_extra" jsonb,
	"options" jsonb NOT NULL,
	"targets_name" text,
	"is_background_run_enabled_default" boolean NOT NULL,
	"is_manual_run_enabled_default" boolean NOT NULL,
	CONSTRAINT "oonirun_nettests_oonirun_link_id_revision_nettest_index_pk" PRIMARY KEY("oonirun_link_id","revision","nettest_index")
);
--> statement-breakpoint
ALTER TABLE "oonirun_nettests" ADD CONSTRAINT "oonirun_nettests_oonirun_link_id_oonirun_links_oonirun_link_id_fk" FOREIGN KEY ("oonirun_link_id") REFERENCES "public"."oonirun_links"("oonirun_link_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "oonirun_links_expiration_idx" ON "oonirun_links" USING btree ("expiration_date");--> statement-breakpoint
CREATE INDEX "oonirun_links_creator_idx" ON "oonirun_links" USING btree ("creator_account_id");--> statement-breakpoint
CREATE INDEX "fastpath_run_link_time_idx" ON "fastpath" USING btree ("ooni_run_link_id","measurement_start_time","anomaly","confirmed","msm_failure") WHERE "fastpath"."ooni_run_link_id" is not null;