CREATE TABLE "event_detector_cusums" (
	"probe_asn" bigint NOT NULL,
	"probe_cc" text NOT NULL,
	"domain" text NOT NULL,
	"ts" timestamp(3) NOT NULL,
	"dns_isp_blocked_current_state" text NOT NULL,
	"dns_isp_blocked_s_pos" double precision NOT NULL,
	"dns_isp_blocked_s_neg" double precision NOT NULL,
	"dns_isp_blocked_last_change" smallint NOT NULL,
	"dns_isp_blocked_last_ts" timestamp(3),
	"dns_other_blocked_current_state" text NOT NULL,
	"dns_other_blocked_s_pos" double precision NOT NULL,
	"dns_other_blocked_s_neg" double precision NOT NULL,
	"dns_other_blocked_last_change" smallint NOT NULL,
	"dns_other_blocked_last_ts" timestamp(3),
	"tcp_blocked_current_state" text NOT NULL,
	"tcp_blocked_s_pos" double precision NOT NULL,
	"tcp_blocked_s_neg" double precision NOT NULL,
	"tcp_blocked_last_change" smallint NOT NULL,
	"tcp_blocked_last_ts" timestamp(3),
	"tls_blocked_current_state" text NOT NULL,
	"tls_blocked_s_pos" double precision NOT NULL,
	"tls_blocked_s_neg" double precision NOT NULL,
	"tls_blocked_last_change" smallint NOT NULL,
	"tls_blocked_last_ts" timestamp(3),
	CONSTRAINT "event_detector_cusums_probe_cc_probe_asn_domain_ts_pk" PRIMARY KEY("probe_cc","probe_asn","domain","ts")
);
--> statement-breakpoint
CREATE TABLE "event_detector_hours" (
	"hour" timestamp(0) PRIMARY KEY NOT NULL,
	"observed_seq" bigint NOT NULL,
	"probe_cc" text[],
	"domains" integer NOT NULL,
	"series" integer NOT NULL,
	"replayed" integer NOT NULL,
	"changepoints" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_detector_series" (
	"probe_asn" bigint NOT NULL,
	"probe_cc" text NOT NULL,
	"domain" text NOT NULL,
	"ts" timestamp(3) NOT NULL,
	"count_isp_resolver" integer NOT NULL,
	"count_other_resolver" integer NOT NULL,
	"count" integer NOT NULL,
	"dns_isp_blocked" double precision NOT NULL,
	"dns_other_blocked" double precision NOT NULL,
	"tcp_blocked" double precision NOT NULL,
	"tls_blocked" double precision NOT NULL,
	CONSTRAINT "event_detector_series_probe_cc_probe_asn_domain_ts_pk" PRIMARY KEY("probe_cc","probe_asn","domain","ts")
);
--> statement-breakpoint
CREATE INDEX "event_detector_series_ts_idx" ON "event_detector_series" USING btree ("ts");