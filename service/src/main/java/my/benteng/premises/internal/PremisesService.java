package my.benteng.premises.internal;

import my.benteng.platform.RandomIds;
import my.benteng.account.AccountKind;
import my.benteng.account.AccountPrincipal;
import my.benteng.account.AccountRef;
import my.benteng.account.Citizen;
import my.benteng.account.Citizens;
import my.benteng.account.IssuedSession;
import my.benteng.account.Purpose;
import my.benteng.account.Sessions;
import my.benteng.account.VerificationTokens;
import my.benteng.account.VerifiedContact;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.audit.AuditOutcome;
import my.benteng.platform.ClientIp;
import my.benteng.platform.InvalidValueException;
import my.benteng.platform.LimitProbe;
import my.benteng.platform.LimitStore;
import my.benteng.platform.PlatformProperties;
import my.benteng.platform.RefusedException;
import my.benteng.premises.CheckinSite;
import my.benteng.premises.DailyCheckins;
import my.benteng.premises.PremisesDirectory;
import my.benteng.premises.PremisesId;
import my.benteng.premises.QrToken;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Registration by a verified owner, QR issue and re-issue, and the directory other modules verify codes with.
 * Every registration costs a verification token of purpose {@code PREMISES_OWNER}, so each code sent for it
 * passed the shield; the per-address and per-owner daily limits stop one phone or one script from filling
 * the directory.
 */
@Service
public class PremisesService implements PremisesDirectory {

    public static final String OWNER_ROLE = "PREMISES_OWNER";
    /** The name a premises owner's account gets when the phone had no citizen account yet. */
    static final String OWNER_ACCOUNT_NAME = "Pemilik Premis";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,256}");
    private static final Duration DAY = Duration.ofDays(1);

    private final ObjectProvider<VerificationTokens> tokens;
    private final Citizens citizens;
    private final Sessions sessions;
    private final JdbcPremises premises;
    private final QrCodes qrCodes;
    private final LimitStore limits;
    private final AuditLog audit;
    private final PremisesProperties properties;
    private final String checkinBase;
    private final Clock clock;
    private final SecureRandom random;
    private final TransactionTemplate transaction;
    private final CurrentIssues currentIssues;
    private final ObjectProvider<DailyCheckins> dailyCheckins;

    PremisesService(ObjectProvider<VerificationTokens> tokens, Citizens citizens, Sessions sessions, JdbcPremises premises, QrCodes qrCodes,
                    LimitStore limits, AuditLog audit, PremisesProperties properties, PlatformProperties platform, Clock clock,
                    SecureRandom random, PlatformTransactionManager transactions, ObjectProvider<DailyCheckins> dailyCheckins) {
        this.dailyCheckins = dailyCheckins;
        this.tokens = tokens;
        this.citizens = citizens;
        this.sessions = sessions;
        this.premises = premises;
        this.qrCodes = qrCodes;
        this.limits = limits;
        this.audit = audit;
        this.properties = properties;
        String base = platform.publicBaseUrl().toString();
        this.checkinBase = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/c/";
        this.clock = clock;
        this.random = random;
        this.transaction = new TransactionTemplate(transactions);
        this.currentIssues = new CurrentIssues(id -> premises.find(id).map(row -> new CurrentIssues.Issue(row.qrVersion(), row.name())),
                clock, properties.verifyCacheTtl(), 200_000);
    }

    /** A registered premises, its QR URL and a session for its owner. */
    public record Registered(PremisesId premisesId, String qrUrl, IssuedSession session) {
    }

    public Registered register(String verificationToken, Registration registration, ClientIp ip) {
        if (verificationToken == null) {
            throw new InvalidValueException("verificationToken", "is required");
        }
        admit("premises:ip:" + ip.text(), properties.maxPerIpPerDay(), ip, "premises.register.ip_daily_cap");
        VerifiedContact contact = redeem(verificationToken, ip);
        Citizen owner = citizens.findOrRegister(contact, OWNER_ACCOUNT_NAME);
        admit("premises:owner:" + owner.id().value(), properties.maxPerOwnerPerDay(), ip, "premises.register.owner_daily_cap");
        PremisesId id = new PremisesId(uuid());
        transaction.executeWithoutResult(status -> {
            premises.insert(id, owner.id().value(), registration, clock.millis());
            audit.record(AuditEvent.named("sensitive_create").actor("citizen:" + owner.id()).subject("premises:" + id).clientIp(ip)
                    .reason("premises.registered").detail("state", registration.state().name())
                    .detail("category", registration.category().name()));
        });
        IssuedSession session = sessions.issue(AccountRef.citizen(owner.id()), Set.of(AccountPrincipal.CITIZEN_ROLE, OWNER_ROLE));
        return new Registered(id, url(qrCodes.issue(id, 1)), session);
    }

    /** Revokes the premises' QR code and issues the next one; 404 unless the caller owns the premises. */
    public String reissueQr(String rawId, AccountPrincipal caller, ClientIp ip) {
        PremisesId id = ownedId(rawId, caller);
        int version = transaction.execute(status -> {
            int v = premises.nextQrVersion(id, caller.id(), clock.millis()).orElseThrow(PremisesService::notFound);
            audit.record(AuditEvent.named("sensitive_update").actor(caller.getName()).subject("premises:" + id).clientIp(ip)
                    .reason("premises.qr.reissued").detail("version", Integer.toString(v)));
            return v;
        });
        currentIssues.forget(id); // committed: the old poster stops working on this node now, on others within the TTL
        return url(qrCodes.issue(id, version));
    }

    /** The poster formats. */
    public enum PosterFormat { PNG, PDF }

    /** An A4 poster with the current QR code of a premises the caller owns; audited as a read. */
    public byte[] poster(String rawId, AccountPrincipal caller, ClientIp ip, PosterFormat format) {
        PremisesId id = ownedId(rawId, caller);
        admit("premises:poster:" + caller.id(), properties.maxPostersPerHour(), Duration.ofHours(1), ip, "premises.poster.hourly_cap");
        JdbcPremises.Row row = premises.find(id).orElseThrow(PremisesService::notFound);
        String url = url(qrCodes.issue(id, row.qrVersion()));
        byte[] poster = format == PosterFormat.PNG ? PosterRenderer.png(row.name(), url) : PosterRenderer.pdf(row.name(), url);
        audit.record(AuditEvent.named("sensitive_read").actor(caller.getName()).subject("premises:" + id).clientIp(ip)
                .reason("premises.poster.downloaded").detail("format", format.name()).detail("version", Integer.toString(row.qrVersion())));
        return poster;
    }

    /** Most premises one owner's page lists (far above what the daily registration limit lets one phone make quickly). */
    public static final int MAX_LISTED = 100;

    /** The caller's premises, newest first; none for a caller who is not a citizen. */
    public List<OwnedPremises> mine(AccountPrincipal caller) {
        if (caller == null || caller.kind() != AccountKind.CITIZEN) {
            return List.of();
        }
        return premises.ofOwner(caller.id(), MAX_LISTED);
    }

    /** One premises of the caller's; 404 (as for a missing one) unless the caller owns it. */
    public OwnedPremises owned(String rawId, AccountPrincipal caller) {
        PremisesId id = ownedId(rawId, caller);
        return premises.ofOwner(caller.id(), MAX_LISTED).stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(PremisesService::notFound);
    }

    /**
     * Check-ins per day at premises the caller owns, for the {@code days} days up to and including today in
     * {@code zone}; every day is present (0 where nobody checked in), oldest first. Empty when this deployment has no
     * check-in module.
     */
    public Map<PremisesId, Map<LocalDate, Integer>> dailyCheckins(List<OwnedPremises> owned, int days, ZoneId zone) {
        DailyCheckins port = dailyCheckins.getIfAvailable();
        Map<PremisesId, Map<LocalDate, Integer>> result = new LinkedHashMap<>();
        if (port == null) {
            return result;
        }
        LocalDate last = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate first = last.minusDays(days - 1L);
        for (OwnedPremises p : owned) {
            Map<LocalDate, Integer> counted = port.perDay(p.id(), first, last, zone);
            Map<LocalDate, Integer> everyDay = new LinkedHashMap<>();
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                everyDay.put(d, counted.getOrDefault(d, 0));
            }
            result.put(p.id(), everyDay);
        }
        return result;
    }

    @Override
    public Optional<CheckinSite> verify(QrToken token) {
        if (!qrCodes.authentic(token)) {
            return Optional.empty();
        }
        // only authentic tokens get here, so the cache holds ids this service issued (see CurrentIssues for the bound)
        return currentIssues.get(token.premisesId()).filter(issue -> issue.version() == token.version())
                .map(issue -> new CheckinSite(token.premisesId(), issue.name()));
    }

    @Override
    public Map<PremisesId, String> names(Collection<PremisesId> ids) {
        return premises.names(ids);
    }

    @Override
    public Map<PremisesId, my.benteng.premises.PremisesSummary> summaries(Collection<PremisesId> ids) {
        return premises.summaries(ids);
    }

    private PremisesId ownedId(String rawId, AccountPrincipal caller) {
        if (caller == null || caller.kind() != AccountKind.CITIZEN || !PremisesId.isValid(rawId)) {
            throw notFound();
        }
        PremisesId id = new PremisesId(rawId);
        // someone else's premises answers exactly like a missing one: ids are not confirmed to strangers
        premises.find(id).filter(row -> row.ownerId().equals(caller.id())).orElseThrow(PremisesService::notFound);
        return id;
    }

    private void admit(String key, int limit, ClientIp ip, String reason) {
        admit(key, limit, DAY, ip, reason);
    }

    private void admit(String key, int limit, Duration window, ClientIp ip, String reason) {
        LimitProbe probe = limits.tryAcquire(key, limit, window);
        if (!probe.admitted()) {
            audit.record(AuditEvent.named("excess_rate_limit_exceeded").clientIp(ip).outcome(AuditOutcome.FAILURE).reason(reason));
            throw new RefusedException(new PremisesRefusal.TooManyRequests(probe.retryAfter()));
        }
    }

    private VerifiedContact redeem(String verificationToken, ClientIp ip) {
        VerificationTokens port = tokens.getIfAvailable();
        if (port == null) {
            throw new RefusedException(new PremisesRefusal.VerificationUnavailable());
        }
        Optional<VerifiedContact> verified = TOKEN.matcher(verificationToken).matches()
                ? port.redeem(verificationToken, Purpose.PREMISES_OWNER).filter(v -> v.purpose() == Purpose.PREMISES_OWNER)
                : Optional.empty();
        if (verified.isEmpty()) {
            audit.record(AuditEvent.named("authn_login_fail").clientIp(ip).outcome(AuditOutcome.FAILURE)
                    .reason("premises.register.bad_verification_token"));
            throw new RefusedException(new PremisesRefusal.VerificationFailed());
        }
        return verified.get();
    }

    private String url(QrToken token) {
        return checkinBase + token.text();
    }

    private String uuid() {
        return RandomIds.uuid(random);
    }

    static RefusedException notFound() {
        return new RefusedException(new PremisesRefusal.PremisesNotFound());
    }
}
