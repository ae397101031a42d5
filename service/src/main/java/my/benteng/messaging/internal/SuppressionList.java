package my.benteng.messaging.internal;

import my.benteng.platform.Channel;
import my.benteng.platform.Contact;
import my.benteng.platform.InvalidValueException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recipients who asked to stop, by keyed hash; they still receive security-critical codes. New entries are stored in the
 * current form; entries stored in the legacy form stay (the address was never kept, so they cannot be rewritten) and are
 * matched too, for ever.
 */
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
        return isSuppressed(hasher.forms(recipient));
    }

    /**
     * Whether a queued message's recipient is suppressed: by the hash stored with the message (the form it was enqueued
     * in) or either form of its address.
     *
     * @param recipient the stored address; null or no longer valid: the stored hash alone decides
     */
    boolean isSuppressed(String storedHash, Channel channel, String recipient) {
        Set<String> hashes = new LinkedHashSet<>();
        hashes.add(storedHash);
        if (recipient != null) {
            try {
                hashes.addAll(hasher.forms(Contact.parse(channel, recipient)));
            } catch (InvalidValueException e) {
                // enqueued under older validation rules; its stored hash still counts
            }
        }
        return isSuppressed(List.copyOf(hashes));
    }

    private boolean isSuppressed(List<String> hashes) {
        return jdbc.sql("SELECT COUNT(*) FROM messaging_suppression WHERE recipient_hash IN (:hashes)")
                .param("hashes", hashes).query(Long.class).single() > 0;
    }
}
