package my.benteng.ekyc.internal;

import my.benteng.account.AccountKind;
import my.benteng.account.AccountRef;
import my.benteng.account.Sessions;
import my.benteng.account.internal.StaffService;
import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.platform.Contact;
import my.benteng.platform.PhoneNumber;
import my.benteng.testing.ApiClient;
import my.benteng.testing.CodeJourney;
import my.benteng.testing.TestVerificationTokens;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;

import static my.benteng.testing.ApiClient.json;
import static my.benteng.testing.ApiClient.q;
import static org.assertj.core.api.Assertions.assertThat;

/** Operators, relying parties, citizens and confirmed consents, made over real HTTP (also for the forensics tests). */
public final class EkycFixture {

    public static final String PURPOSE = "ACCOUNT_OPENING";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int port;
    private final ApiClient api;
    private final StaffService staff;
    private final Sessions sessions;
    private final TestVerificationTokens tokens;
    private final OutboxDispatcher dispatcher;

    public EkycFixture(int port, StaffService staff, Sessions sessions, TestVerificationTokens tokens, OutboxDispatcher dispatcher) {
        this.port = port;
        this.api = new ApiClient(port);
        this.staff = staff;
        this.sessions = sessions;
        this.tokens = tokens;
        this.dispatcher = dispatcher;
    }

    ApiClient api() {
        return api;
    }

    /** A bearer session of a new operator. */
    String operator() {
        String username = "ekyc-op-" + Integer.toString(RANDOM.nextInt(Integer.MAX_VALUE), 36);
        StaffService.CreatedStaff created = staff.create(username, List.of("OPERATOR"), "correct horse battery staple", "test", null);
        return sessions.issue(new AccountRef(AccountKind.STAFF, created.id()), Set.of("OPERATOR")).token();
    }

    /** A random documentation address in 2001:db8::/32 for a relying party's servers. */
    static String rpAddress() {
        return String.format("2001:db8:%x:%x::%x", RANDOM.nextInt(0xffff), RANDOM.nextInt(0xffff), 1 + RANDOM.nextInt(0xfff));
    }

    public RelyingPartyClient relyingParty(String retention, String... cidrs) {
        HttpResponse<String> r = api.post("/api/v1/ekyc/relying-parties", "{\"name\":\"Bank Contoh Berhad\",\"purposes\":[\"" + PURPOSE
                + "\",\"AGE_CHECK\"],\"retention\":" + q(retention) + ",\"allowedCidrs\":[" + String.join(",", java.util.Arrays.stream(cidrs)
                .map(ApiClient::q).toList()) + "]}", operator());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        var body = json(r);
        return new RelyingPartyClient(port, body.path("relyingPartyId").asString(), body.path("keyId").asString(),
                body.path("apiSecret").asString(), rpAddress());
    }

    public RelyingPartyClient relyingParty() {
        return relyingParty("P30D", "2001:db8::/32");
    }

    /** A citizen with a phone on the account. */
    public record Citizen(String session, String phone, CodeJourney phoneAndBrowser) {
    }

    public Citizen citizen(String name) {
        String phone = CodeJourney.newMobile();
        HttpResponse<String> r = api.post("/api/v1/citizens", "{\"verificationToken\":" + q(tokens.issue(Contact.of(PhoneNumber.parse(phone)),
                "SIGN_UP")) + ",\"name\":" + q(name) + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new Citizen(json(r).path("sessionToken").asString(), phone, new CodeJourney(port, dispatcher));
    }

    /** The real consent journey: ask (code to the account's phone), read the SMS, verify, confirm. Returns the consent reference. */
    public String consent(Citizen citizen, RelyingPartyClient party, String purpose) {
        CodeJourney journey = citizen.phoneAndBrowser();
        HttpResponse<String> started = journey.post("/api/v1/ekyc/consents", "{\"relyingPartyId\":" + q(party.relyingPartyId)
                + ",\"purpose\":" + q(purpose) + ",\"pow\":" + q(journey.solveChallenge()) + "}", citizen.session());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String consentId = journey.field(started, "consentId");
        HttpResponse<String> verified = journey.verify(journey.field(started, "otpRequestId"), journey.readCode(citizen.phone()));
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        HttpResponse<String> confirmed = journey.post("/api/v1/ekyc/consents/" + consentId + "/confirm",
                "{\"verificationToken\":" + q(journey.field(verified, "verificationToken")) + "}", citizen.session());
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(json(confirmed).path("status").asString()).isEqualTo("ACTIVE");
        return consentId;
    }
}
