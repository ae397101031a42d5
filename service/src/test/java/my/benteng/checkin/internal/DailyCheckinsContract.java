package my.benteng.checkin.internal;

import my.benteng.platform.RandomIds;
import my.benteng.premises.DailyCheckins;
import my.benteng.premises.PremisesId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Check-ins per Malaysian day for the premises owner's page, counted by the database; one subclass per database. */
abstract class DailyCheckinsContract {

    private static final ZoneId MALAYSIA = ZoneId.of("Asia/Kuala_Lumpur");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    DailyCheckins daily;

    @Autowired
    JdbcClient jdbc;

    @Test
    void checkInsAreCountedPerMalaysianCalendarDayInsideTheRangeOnly() {
        PremisesId premises = new PremisesId(RandomIds.uuid(RANDOM));
        PremisesId elsewhere = new PremisesId(RandomIds.uuid(RANDOM));
        LocalDate day = LocalDate.of(2026, 11, 20);
        checkIn(premises, day.atTime(0, 0));        // 16:00 UTC the day before: still the 20th in Kuala Lumpur
        checkIn(premises, day.atTime(12, 30));
        checkIn(premises, day.atTime(23, 59, 59));
        checkIn(premises, day.plusDays(2).atTime(9, 0));
        checkIn(premises, day.minusDays(1).atTime(23, 59, 59)); // before the range
        checkIn(premises, day.plusDays(3).atTime(0, 0));         // after the range
        checkIn(elsewhere, day.atTime(12, 0));

        Map<LocalDate, Integer> counts = daily.perDay(premises, day, day.plusDays(2), MALAYSIA);

        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(day, 3, day.plusDays(2), 1));
        assertThat(daily.perDay(elsewhere, day, day.plusDays(2), MALAYSIA)).containsExactlyEntriesOf(Map.of(day, 1));
        assertThat(daily.perDay(new PremisesId(RandomIds.uuid(RANDOM)), day, day, MALAYSIA)).isEmpty();
    }

    @Test
    void aRangeLongerThanAMonthIsRefused() {
        PremisesId premises = new PremisesId(RandomIds.uuid(RANDOM));
        LocalDate day = LocalDate.of(2026, 11, 1);
        assertThatThrownBy(() -> daily.perDay(premises, day, day.plusDays(31), MALAYSIA)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> daily.perDay(premises, day, day.minusDays(1), MALAYSIA)).isInstanceOf(IllegalArgumentException.class);
    }

    private void checkIn(PremisesId premises, LocalDateTime malaysianTime) {
        jdbc.sql("INSERT INTO checkin (id, citizen_id, premises_id, checked_in_at) VALUES (:id, :citizen, :premises, :at)")
                .param("id", RandomIds.uuid(RANDOM)).param("citizen", RandomIds.uuid(RANDOM)).param("premises", premises.value())
                .param("at", malaysianTime.atZone(MALAYSIA).toInstant().toEpochMilli()).update();
    }
}
