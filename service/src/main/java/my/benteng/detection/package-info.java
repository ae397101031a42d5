/**
 * Detection: rules in the Sigma format evaluated in-process over the security-event stream (the audit log), alerts with
 * a fingerprint, a status and evidence, and their delivery to where operators already look (Prometheus Alertmanager, a
 * signed webhook). Nothing depends on it; it depends on the audit stream it reads and the platform kernel.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Detections and alerts", allowedDependencies = {"platform", "audit"})
package my.benteng.detection;
