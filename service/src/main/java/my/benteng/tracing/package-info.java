/**
 * Contact tracing: health officers record cases (a citizen and an infectious period); the module finds the casual
 * contacts through {@link my.benteng.checkin.Visits}, sets their risk status, notifies them with a fixed template
 * and keeps premises-level hotspot aggregates. It never reads another module's tables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contact tracing",
        allowedDependencies = {"platform", "audit", "account", "premises", "checkin", "messaging"})
package my.benteng.tracing;
