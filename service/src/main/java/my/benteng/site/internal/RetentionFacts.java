package my.benteng.site.internal;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Period;

/**
 * How long each kind of personal data is kept, read from the same settings the retention jobs obey, so that the
 * privacy page states this deployment's figures and not a copy of the defaults. The site depends on no module: it
 * reads their settings by name, with their defaults ({@code RetentionFactsIntegrationTest} fails if a default here
 * drifts from the module's own). Figures fixed in code (a day's grace for ended sessions, the eKYC bounds) are
 * stated where they are written.
 */
@Component
public class RetentionFacts {

    private final Binder binder;

    public RetentionFacts(Environment environment) {
        this.binder = Binder.get(environment);
    }

    public Span checkins() {
        return Span.of(period("benteng.checkin.retention", "P90D"));
    }

    public Span tracing() {
        return Span.of(period("benteng.tracing.retention", "P90D"));
    }

    public Span codeValidity() {
        return Span.of(duration("benteng.otp.code-ttl", "PT5M"));
    }

    /** An expired code's row (no longer naming its destination) is deleted this long after it expired. */
    public Span codeRecord() {
        return Span.of(duration("benteng.otp.cooldown-memory", "PT24H"));
    }

    public Span verificationToken() {
        return Span.of(duration("benteng.otp.token-ttl", "PT10M"));
    }

    public Span citizenSession() {
        return Span.of(duration("benteng.account.citizen-session-lifetime", "PT12H"));
    }

    public Span staffSession() {
        return Span.of(duration("benteng.account.staff-session-lifetime", "PT8H"));
    }

    public Span sessionIdle() {
        return Span.of(duration("benteng.account.session-idle-timeout", "PT30M"));
    }

    /** JdbcSessions.purge: ended or expired sessions are deleted a day later. */
    public Span endedSession() {
        return new Span(1, "days");
    }

    /** RelyingParties: a relying party's retention is between P1D and P10Y. */
    public Span ekycShortest() {
        return new Span(1, "days");
    }

    public Span ekycLongest() {
        return new Span(10, "years");
    }

    private Period period(String name, String fallback) {
        return binder.bind(name, Period.class).orElse(Period.parse(fallback));
    }

    private Duration duration(String name, String fallback) {
        return binder.bind(name, Duration.class).orElse(Duration.parse(fallback));
    }
}
