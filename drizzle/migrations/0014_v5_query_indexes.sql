CREATE INDEX "analysis_web_measurement_cc_time_idx" ON "analysis_web_measurement" USING btree ("probe_cc","measurement_start_time");--> statement-breakpoint
CREATE INDEX "analysis_web_measurement_asn_time_idx" ON "analysis_web_measurement" USING btree ("probe_asn","measurement_start_time");--> statement-breakpoint
CREATE INDEX "analysis_web_measurement_domain_time_idx" ON "analysis_web_measurement" USING btree ("domain","measurement_start_time");--> statement-breakpoint
CREATE INDEX "event_detector_changepoints_cc_ts_idx" ON "event_detector_changepoints" USING btree ("probe_cc","ts");--> statement-breakpoint
CREATE INDEX "event_detector_changepoints_domain_ts_idx" ON "event_detector_changepoints" USING btree ("domain","ts");--> statement-breakpoint
CREATE INDEX "obs_web_cc_time_idx" ON "obs_web" USING btree ("probe_cc","measurement_start_time");--> statement-breakpoint
CREATE INDEX "obs_web_asn_time_idx" ON "obs_web" USING btree ("probe_asn","measurement_start_time");--> statement-breakpoint
CREATE INDEX "obs_web_hostname_time_idx" ON "obs_web" USING btree ("hostname","measurement_start_time");--> statement-breakpoint
CREATE INDEX "obs_web_report_id_idx" ON "obs_web" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "obs_web_ctrl_hostname_time_idx" ON "obs_web_ctrl" USING btree ("hostname","measurement_start_time");