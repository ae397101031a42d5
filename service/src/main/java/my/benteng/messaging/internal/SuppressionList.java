package my.benteng.messaging.internal;

import my.benteng.platform.Contact;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.util.regex.Pattern;

/** Recipients who asked to stop, by keyed hash; they still receive security-critical codes. */
final class SuppressionList {

    private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9_.]{0,63}");

    private final JdbcClient jdbc;
    private final RecipientHasher hasher;
    private final Clock clock;

    SuppressionList(JdbcClient jdbc, RecipientHasher hasher, Clock clock) {
        this.jdbc = jdbc;
        this.hasher = hasher;
        this.clock = clock;
    }

    void suppress(Contact recipient, String reason) {
        if (reason == null || !REASON.matcher(reason).matches()) {
            throw new IllegalArgumentException("reason must be a short lower-case code");
        }
        jdbc.sql("""
                        INSERT INTO messaging_suppression (recipient_hash, channel, recipient_masked, reason, created_at)
                        VALUES (:hash, :channel, :masked, :reason, :now) ON CONFLICT (recipient_hash) DO NOTHING
                        """)
                .param("hash", hasher.hash(recipient)).param("channel", recipient.channel().name())
                .param("masked", recipient.masked()).param("reason", reason).param("now", clock.millis())
                .update();
    }

    boolean isSuppressed(Contact recipient) {
        return isSuppressed(hasher.hash(recipient));
    }

    boolean isSuppressed(String recipientHash) {
        return jdbc.sql("SELECT COUNT(*) FROM messaging_suppression WHERE recipient_hash = :hash")
                .param("hash", recipientHash).query(Long.class).single() > 0;
    }
}
