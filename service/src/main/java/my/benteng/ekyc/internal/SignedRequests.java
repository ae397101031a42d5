package my.benteng.ekyc.internal;

import jakarta.servlet.http.HttpServletRequest;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.audit.AuditOutcome;
import my.benteng.platform.ClientIp;
import my.benteng.platform.KeyedHash;
import my.benteng.platform.RefusedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Authenticates relying-party requests. Each carries {@code X-Ekyc-Key} (key id), {@code X-Ekyc-Timestamp}
 * (epoch seconds), {@code X-Ekyc-Nonce} (16-64 of {@code [A-Za-z0-9_-]}) and {@code X-Ekyc-Signature}: base64url
 * of HMAC-SHA256(SHA-256(api secret), method \n path \n timestamp \n nonce \n hex SHA-256 of the body).
 * HMAC rather than a signature: only this service verifies, and it must be cheap. Checks in order of cost:
 * header shape, timestamp window, key, source network and unspent nonce before the body is read ({@link #admit}, run
 * by the module's admission in the security filter chain), then the signature over the body's digest, then the nonce
 * is spent — only a correctly signed request can spend a nonce, so nobody can burn a relying party's nonces.
 */
@Component
public class SignedRequests {

    static final String KEY = "X-Ekyc-Key";
    static final String TIMESTAMP = "X-Ekyc-Timestamp";
    static final String NONCE = "X-Ekyc-Nonce";
    static final String SIGNATURE = "X-Ekyc-Signature";
    /** Request attribute: the relying party {@link #admit} let through, so that {@link #authenticate} need not look it up again. */
    private static final String ADMITTED = SignedRequests.class.getName() + ".admitted";

    private static final Pattern KEY_ID = Pattern.compile("rp_[A-Za-z0-9_-]{16}");
    private static final Pattern NONCE_SHAPE = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern TIMESTAMP_SHAPE = Pattern.compile("[0-9]{1,12}");
    private static final Pattern SIGNATURE_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}=?");

    private final RelyingParties parties;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration skew;

    SignedRequests(RelyingParties parties, JdbcClient jdbc, AuditLog audit, Clock clock, EkycProperties properties) {
        this.parties = parties;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.skew = properties.clockSkew();
    }

    /**
     * The checks the headers allow, made before anything reads the body (the module's {@code RequestAdmission}):
     * header shape, timestamp window, key, source network, and that the nonce is not spent yet. Returns the relying
     * party the request claims to come from, or throws a {@link RefusedException} saying what is wrong ({@link EkycRefusal}).
     */
    RelyingParty admit(HttpServletRequest request) {
        String ip = ClientIp.of(request).text();
        String keyId = request.getHeader(KEY);
        String timestamp = request.getHeader(TIMESTAMP);
        String nonce = request.getHeader(NONCE);
        String signature = request.getHeader(SIGNATURE);
        if (keyId == null || timestamp == null || nonce == null || signature == null || !KEY_ID.matcher(keyId).matches()
                || !TIMESTAMP_SHAPE.matcher(timestamp).matches() || !NONCE_SHAPE.matcher(nonce).matches()
                || !SIGNATURE_SHAPE.matcher(signature).matches()) {
            throw refuse(ip, null, "ekyc.signature.missing", new EkycRefusal.SignatureRequired());
        }
        long now = clock.millis();
        long at = Long.parseLong(timestamp) * 1000;
        if (Math.abs(now - at) > skew.toMillis()) {
            throw refuse(ip, keyId, "ekyc.signature.stale", new EkycRefusal.StaleRequest(skew.toSeconds()));
        }
        RelyingParty party = parties.findByKeyId(keyId).filter(p -> !p.disabled())
                .orElseThrow(() -> refuse(ip, keyId, "ekyc.signature.unknown_key", new EkycRefusal.UnknownKey()));
        if (!party.allows(ClientIp.of(request).address())) {
            throw refuse(ip, keyId, "ekyc.source.not_allowed", new EkycRefusal.SourceNotAllowed());
        }
        // only read here: the nonce is spent after the signature is verified (below), so nobody can burn nonces, but a
        // replayed request is refused before its body is read
        if (jdbc.sql("SELECT COUNT(*) FROM ekyc_nonce WHERE key_id = :k AND nonce = :n").param("k", keyId).param("n", nonce)
                .query(Long.class).single() > 0) {
            throw replayed(ip, keyId);
        }
        request.setAttribute(ADMITTED, party);
        return party;
    }

    /**
     * The relying party that signed this request, or a {@link RefusedException} saying what is wrong: the
     * checks of {@link #admit} (not repeated when the admission already made them for this request), then the
     * signature over the body's digest, then the nonce is spent.
     */
    public RelyingParty authenticate(HttpServletRequest request, byte[] bodySha256) {
        RelyingParty party = request.getAttribute(ADMITTED) instanceof RelyingParty admitted ? admitted : admit(request);
        String ip = ClientIp.of(request).text();
        String keyId = request.getHeader(KEY);
        String timestamp = request.getHeader(TIMESTAMP);
        String nonce = request.getHeader(NONCE);
        String signature = request.getHeader(SIGNATURE);
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        byte[] expected = sign(parties.signingKeyOf(party), request.getMethod(), path, timestamp, nonce, bodySha256);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(signature.endsWith("=") ? signature.substring(0, 43) : signature);
        } catch (IllegalArgumentException e) {
            given = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, given)) { // constant time
            throw refuse(ip, keyId, "ekyc.signature.bad", new EkycRefusal.BadSignature());
        }
        long now = clock.millis();
        long at = Long.parseLong(timestamp) * 1000;
        // remembered until the timestamp has left the window on both sides; the primary key makes the
        // check-and-remember one atomic insert on every node (ON CONFLICT: same SQL on SQLite and PostgreSQL)
        int inserted = jdbc.sql("INSERT INTO ekyc_nonce (key_id, nonce, expires_at) VALUES (:k, :n, :e) ON CONFLICT DO NOTHING")
                .param("k", keyId).param("n", nonce).param("e", Math.max(now, at) + skew.toMillis() + 1000).update();
        if (inserted != 1) {
            throw replayed(ip, keyId);
        }
        return party;
    }

    private RefusedException replayed(String ip, String keyId) {
        return refuse(ip, keyId, "ekyc.signature.replay", new EkycRefusal.Replayed());
    }

    /** The exact form over the documented text: relying parties compute the same bytes. */
    static byte[] sign(byte[] key, String method, String path, String timestamp, String nonce, byte[] bodySha256) {
        String text = method + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + HexFormat.of().formatHex(bodySha256);
        return new KeyedHash(key).mac(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The body digest a relying party signs for a multipart session upload: SHA-256 over "name:hex(SHA-256(bytes))\n" lines
     * of the parts, in name order.
     */
    public static byte[] multipartDigest(byte[] back, byte[] consent, byte[] front, byte[] myKadNumber) {
        StringBuilder text = new StringBuilder();
        text.append("back:").append(HexFormat.of().formatHex(sha256(back))).append('\n');
        text.append("consent:").append(HexFormat.of().formatHex(sha256(consent))).append('\n');
        text.append("front:").append(HexFormat.of().formatHex(sha256(front))).append('\n');
        text.append("myKadNumber:").append(HexFormat.of().formatHex(sha256(myKadNumber))).append('\n');
        return sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private RefusedException refuse(String ip, String keyId, String reason, EkycRefusal refusal) {
        String event = switch (reason) {
            case "ekyc.signature.replay" -> "authn_token_reuse";
            case "ekyc.source.not_allowed" -> "authz_fail";
            default -> "authn_login_fail";
        };
        // the key id is a public identifier (not the secret); it must appear so an operator can tell which partner it was
        audit.record(AuditEvent.named(event).outcome(AuditOutcome.DENIED).actor(keyId == null ? "anonymous" : "relying-party-key:" + keyId)
                .clientIp(ip).reason(reason).attack(reason.endsWith("replay") ? "T1550" : "T1110"));
        return new RefusedException(refusal);
    }

    /** Forgets nonces whose timestamps can no longer be accepted. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void purgeNonces() {
        jdbc.sql("DELETE FROM ekyc_nonce WHERE expires_at < :now").param("now", clock.millis()).update();
    }
}
