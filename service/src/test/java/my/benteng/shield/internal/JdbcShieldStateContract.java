package my.benteng.shield.internal;

import my.benteng.platform.DatabaseDialect;
import my.benteng.shield.internal.StateOutcome.Status;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shield state contract against the database (the state of a deployment without Redis), on each database; and
 * that its rows go when they expire. Each test's keys start with its own random run id.
 */
abstract class JdbcShieldStateContract extends ShieldStateContract {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    DatabaseDialect dialect;

    private JdbcShieldState state;

    @Override
    ShieldState state() {
        if (state == null) {
            state = new JdbcShieldState(jdbc, transactions, dialect);
        }
        return state;
    }

    @Test
    void expiredRowsArePurgedByALaterAssessment() {
        Limit hourly = Limit.window(key("dest"), "shield.destination.hourly_cap", 3, Duration.ofHours(1));
        Limit bucket = Limit.bucket(key("ip"), "shield.client.ip", 2, Duration.ofMinutes(1));
        Limit cooldown = Limit.cooldown(key("cd"), "shield.destination.resend_cooldown", List.of(Duration.ofSeconds(60)), Duration.ofHours(1));
        state().consume(new Consumption(clock.millis(), List.of(hourly, bucket, cooldown), null, key("pow:1"), 60_000,
                List.of(key("v:p:6012345")), VELOCITY));
        state().block(key("b:6012345"), clock.millis(), clock.millis() + Duration.ofHours(12).toMillis());
        state().markSpent(Map.of(key("pow:2"), 60_000L), clock.millis());
        state().recordVerified(List.of(key("v:p:6012345")), clock.millis(), VELOCITY);
        // a bucket's arrival time, two spent markers and a block; a window's and a cooldown's event; one velocity bucket
        assertThat(rowsOfThisTest()).isEqualTo(7);
        clock.advance(Duration.ofHours(13)); // everything above has expired, the block too
        assertThat(state().consume(consume(Limit.window(key("later"), "shield.later", 1, Duration.ofDays(1)))).status())
                .isEqualTo(Status.ALLOWED);
        assertThat(rowsOfThisTest()).as("only the later event is left").isEqualTo(1);
    }

    @Test
    void aLargeBatchOfSpentMarkersIsWrittenWholeAndEverySolutionInItIsRefusedAsReplayed() {
        Map<String, Long> markers = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 450; i++) { // more than two multi-row statements' worth
            markers.put(key("pow:batch:" + i), 60_000L);
        }
        state().markSpent(markers, clock.millis());

        for (String spent : List.of(key("pow:batch:0"), key("pow:batch:199"), key("pow:batch:200"), key("pow:batch:449"))) {
            assertThat(state().consume(new Consumption(clock.millis(), List.of(), null, spent, 60_000, List.of(), VELOCITY)).status())
                    .as(spent).isEqualTo(Status.REPLAYED);
        }
        assertThat(rowsOfThisTest()).isEqualTo(450);
    }

    private long rowsOfThisTest() {
        String like = run + ":%";
        return jdbc.sql("SELECT COUNT(*) FROM shield_state_value WHERE state_key LIKE ?").param(like).query(Long.class).single()
                + jdbc.sql("SELECT COUNT(*) FROM shield_state_event WHERE state_key LIKE ?").param(like).query(Long.class).single()
                + jdbc.sql("SELECT COUNT(*) FROM shield_state_velocity WHERE state_key LIKE ?").param(like).query(Long.class).single();
    }
}
