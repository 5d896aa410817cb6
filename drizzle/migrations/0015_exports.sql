CREATE TABLE "exports" (
	"month" text NOT NULL,
	"format" text NOT NULL,
	"key" text NOT NULL,
	"status" text NOT NULL,
	"upload_id" text,
	"bytes" bigint,
	"rows" bigint,
	"sha256" text,
	"etag" text,
	"started_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "exports_month_format_pk" PRIMARY KEY("month","format")
);
