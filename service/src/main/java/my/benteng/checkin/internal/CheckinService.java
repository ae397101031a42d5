package my.benteng.checkin.internal;

import my.benteng.account.AccountKind;
import my.benteng.account.AccountPrincipal;
import my.benteng.platform.RefusedException;
import my.benteng.premises.CheckinSite;
import my.benteng.premises.PremisesDirectory;
import my.benteng.premises.PremisesId;
import my.benteng.premises.QrToken;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Check-in, check-out and history. Times are the server's clock only: nothing the client sends says when.
 * Individual check-ins are not audited (tens of millions a day); what matters for evidence is in the rows.
 */
@Service
public class CheckinService {

    private final PremisesDirectory premises;
    private final JdbcCheckins checkins;
    private final CheckinProperties properties;
    private final CheckinWriter writer;
    private final CheckinProperties.Ingest ingest;
    private final Clock clock;

    CheckinService(PremisesDirectory premises, JdbcCheckins checkins, CheckinProperties properties, CheckinWriter writer,
                   Clock clock) {
        this.premises = premises;
        this.checkins = checkins;
        this.properties = properties;
        this.writer = writer;
        this.ingest = properties.ingest();
        this.clock = clock;
    }

    /** One check-in as the citizen sees it; {@code created} is false for a repeat scan that returned an earlier one. */
    public record Checkin(String id, PremisesId premisesId, String premisesName, Instant checkedInAt, Instant checkedOutAt,
                          List<String> dependants, boolean created) {
    }

    /**
     * Checks the caller in at the premises the code stands for, or returns their open check-in there when it is
     * younger than the repeat window (a second scan at the door is not a second visit). The write goes through the
     * {@link CheckinWriter}'s group commit; this returns once the batch holding it has committed.
     */
    public Checkin checkIn(AccountPrincipal caller, String qr, List<String> rawDependants) {
        String citizen = citizenOf(caller);
        List<String> dependants = DependantNames.parse(rawDependants);
        if (qr == null) {
            throw invalidQr();
        }
        CheckinSite site = QrToken.parse(qr).flatMap(premises::verify).orElseThrow(CheckinService::invalidQr);
        Instant now = Instant.ofEpochMilli(clock.millis());
        CompletableFuture<Checkin> answer = writer.submit(citizen, site, dependants, now);
        try {
            // a virtual thread parks here without holding its carrier
            return answer.get(ingest.answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RefusedException refused) {
                throw refused;
            }
            throw writer.notAnsweredInTime();
        } catch (TimeoutException e) {
            throw writer.notAnsweredInTime();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw writer.notAnsweredInTime();
        }
    }

    /** Checks out of one of the caller's own check-ins; repeating it returns the first check-out time. */
    public Checkin checkOut(AccountPrincipal caller, String checkinId) {
        String citizen = citizenOf(caller);
        if (checkinId == null || !checkinId.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw notFound();
        }
        checkins.checkOut(checkinId, citizen, Instant.ofEpochMilli(clock.millis()));
        JdbcCheckins.Row row = checkins.find(checkinId).filter(r -> r.citizenId().equals(citizen)).orElseThrow(CheckinService::notFound);
        return view(row, premises.names(Set.of(row.premisesId())).getOrDefault(row.premisesId(), ""), false);
    }

    /** The caller's check-ins, newest first. */
    public List<Checkin> history(AccountPrincipal caller, int page, int size) {
        String citizen = citizenOf(caller);
        if (page < 0 || page > 10_000) {
            throw new my.benteng.platform.InvalidValueException("page", "must be 0-10000");
        }
        if (size < 1 || size > properties.maxPageSize()) {
            throw new my.benteng.platform.InvalidValueException("size", "must be 1-" + properties.maxPageSize());
        }
        List<JdbcCheckins.Row> rows = checkins.history(citizen, page * size, size);
        Map<PremisesId, String> names = premises.names(rows.stream().map(JdbcCheckins.Row::premisesId).collect(Collectors.toSet()));
        return rows.stream().map(r -> view(r, names.getOrDefault(r.premisesId(), ""), false)).toList();
    }

    static Checkin view(JdbcCheckins.Row row, String premisesName, boolean created) {
        return new Checkin(row.id(), row.premisesId(), premisesName, row.checkedInAt(), row.checkedOutAt(), row.dependants(), created);
    }

    private static String citizenOf(AccountPrincipal caller) {
        if (caller == null || caller.kind() != AccountKind.CITIZEN) {
            throw new RefusedException(new CheckinRefusal.NotACitizen());
        }
        return caller.id();
    }

    /** One answer for every bad code: garbage, forged, altered, revoked, rotated out or unknown premises. */
    static RefusedException invalidQr() {
        return new RefusedException(new CheckinRefusal.InvalidQr());
    }

    static RefusedException notFound() {
        return new RefusedException(new CheckinRefusal.CheckinNotFound());
    }
}
