DROP INDEX "fastpath_measurement_start_time_idx";--> statement-breakpoint
DROP INDEX "fastpath_cc_test_time_idx";--> statement-breakpoint
DROP INDEX "fastpath_asn_time_idx";--> statement-breakpoint
DROP INDEX "fastpath_test_time_idx";--> statement-breakpoint
DROP INDEX "fastpath_domain_time_idx";--> statement-breakpoint
DROP INDEX "fastpath_cc_time_idx";--> statement-breakpoint
DROP INDEX "fastpath_input_md5_time_idx";--> statement-breakpoint
CREATE INDEX "fastpath_measurement_start_time_idx" ON "fastpath" USING btree ("measurement_start_time","anomaly","confirmed","msm_failure");--> statement-breakpoint
CREATE INDEX "fastpath_cc_test_time_idx" ON "fastpath" USING btree ("probe_cc","test_name","measurement_start_time","anomaly","confirmed","msm_failure");--> statement-breakpoint
CREATE INDEX "fastpath_asn_time_idx" ON "fastpath" USING btree ("probe_asn","measurement_start_time","anomaly","confirmed","msm_failure");--> statement-breakpoint
CREATE INDEX "fastpath_test_time_idx" ON "fastpath" USING btree ("test_name","measurement_start_time","anomaly","confirmed","msm_failure");--> statement-breakpoint
CREATE INDEX "fastpath_domain_time_idx" ON "fastpath" USING btree ("domain","measurement_start_time","anomaly","confirmed","msm_failure");--> statement-breakpoint
CREATE INDEX "fastpath_cc_time_idx" ON "fastpath" USING btree ("probe_cc","measurement_start_time","anomaly","confirmed","msm_failure");--> statement-breakpoint
CREATE INDEX "fastpath_input_md5_time_idx" ON "fastpath" USING btree (md5("input"),"measurement_start_time","anomaly","confirmed","msm_failure");