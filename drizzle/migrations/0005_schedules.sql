CREATE TABLE "fingerprint_sets" (
	"version" text PRIMARY KEY NOT NULL,
	"dns" text NOT NULL,
	"http" text NOT NULL,
	"source" text NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_watermarks" (
	"name" text PRIMARY KEY NOT NULL,
	"value" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slow_queries" (
	"queryid" text PRIMARY KEY NOT NULL,
	"calls" bigint NOT NULL,
	"total_ms" double precision NOT NULL,
	"mean_ms" double precision NOT NULL,
	"rows" bigint NOT NULL,
	"query" text NOT NULL,
	"captured_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "url_msmt_counts" (
	"week" date NOT NULL,
	"probe_cc" text NOT NULL,
	"probe_asn" bigint NOT NULL,
	"input_md5" text NOT NULL,
	"input" text NOT NULL,
	"msmt_cnt" integer NOT NULL,
	CONSTRAINT "url_msmt_counts_probe_cc_week_probe_asn_input_md5_pk" PRIMARY KEY("probe_cc","week","probe_asn","input_md5")
);
--> statement-breakpoint
CREATE TABLE "url_priorities" (
	"category_code" text NOT NULL,
	"cc" text NOT NULL,
	"domain" text NOT NULL,
	"url" text NOT NULL,
	"priority" integer NOT NULL,
	CONSTRAINT "url_priorities_category_code_cc_domain_url_pk" PRIMARY KEY("category_code","cc","domain","url")
);
--> statement-breakpoint
CREATE INDEX "fingerprint_sets_loaded_at_idx" ON "fingerprint_sets" USING btree ("loaded_at");--> statement-breakpoint
-- Default prioritisation rules: the 48 url_priorities rows of OONI's api/tests/integ/data/url_priorities_us.json.
INSERT INTO "url_priorities" ("category_code", "cc", "domain", "url", "priority") VALUES
  ('NEWS', '*', '*', '*', 100),
  ('POLR', '*', '*', '*', 100),
  ('HUMR', '*', '*', '*', 100),
  ('LGBT', '*', '*', '*', 100),
  ('ANON', '*', '*', '*', 100),
  ('GRP', '*', '*', '*', 80),
  ('COMT', '*', '*', '*', 80),
  ('MMED', '*', '*', '*', 80),
  ('SRCH', '*', '*', '*', 80),
  ('PUBH', '*', '*', '*', 80),
  ('REL', '*', '*', '*', 60),
  ('XED', '*', '*', '*', 60),
  ('HOST', '*', '*', '*', 60),
  ('ENV', '*', '*', '*', 60),
  ('FILE', '*', '*', '*', 40),
  ('CULTR', '*', '*', '*', 40),
  ('IGO', '*', '*', '*', 40),
  ('GOVT', '*', '*', '*', 40),
  ('DATE', '*', '*', '*', 30),
  ('HATE', '*', '*', '*', 30),
  ('MILX', '*', '*', '*', 30),
  ('PROV', '*', '*', '*', 30),
  ('PORN', '*', '*', '*', 30),
  ('GMB', '*', '*', '*', 30),
  ('ALDR', '*', '*', '*', 30),
  ('GAME', '*', '*', '*', 20),
  ('MISC', '*', '*', '*', 20),
  ('HACK', '*', '*', '*', 20),
  ('ECON', '*', '*', '*', 20),
  ('COMM', '*', '*', '*', 20),
  ('CTRL', '*', '*', '*', 20),
  ('*', '*', 'www.facebook.com', '*', 200),
  ('*', '*', 'twitter.com', '*', 200),
  ('*', '*', 'www.instagram.com', '*', 200),
  ('*', '*', 'www.whatsapp.com', '*', 200),
  ('*', '*', 'web.whatsapp.com', '*', 200),
  ('*', '*', 'telegram.org', '*', 200),
  ('*', '*', 'web.telegram.org', '*', 200),
  ('*', '*', 'www.youtube.com', '*', 200),
  ('*', '*', 'www.tiktok.com', '*', 200),
  ('*', '*', 'www.viber.com', '*', 200),
  ('*', '*', 'www.snapchat.com', '*', 200),
  ('*', '*', 'www.reddit.com', '*', 200),
  ('*', '*', 'vimeo.com', '*', 200),
  ('*', '*', 'www.wechat.com', '*', 200),
  ('*', '*', 'international.qq.com', '*', 200),
  ('*', '*', 'signal.org', '*', 200),
  ('MISC', 'US', '*', '*', -200)
ON CONFLICT DO NOTHING;
