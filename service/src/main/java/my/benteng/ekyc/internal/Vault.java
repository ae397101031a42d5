package my.benteng.ekyc.internal;

import my.benteng.platform.KeyedHash;
import my.benteng.platform.RandomIds;
import my.benteng.account.CitizenId;
import my.benteng.account.Citizens;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.ekyc.MyKadNumber;
import my.benteng.ekyc.internal.ImageSanitiser.Clean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The vault: keeps eKYC records and their images, answers match questions, renders watermarked images and
 * forgets. Every read is a {@code sensitive_read} audit event; every deletion a {@code sensitive_delete}.
 */
@Component
public class Vault {

    public static final ZoneId MALAYSIA = ZoneId.of("Asia/Kuala_Lumpur");
    private static final Logger log = LoggerFactory.getLogger(Vault.class);

    public record Ingested(String recordId, String frontImageId, String backImageId, Instant expiresAt) {
    }

    record StoredImage(String id, String recordId, String side, String format, String blobName, byte[] wrappedKey) {
        @Override
        public String toString() {
            return "StoredImage[" + id + "]";
        }
    }

    public record Questions(String name, LocalDate dateOfBirth, MyKadNumber myKadNumber, Integer minimumAge) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final KeyVault keys;
    private final EnvelopeCipher cipher;
    private final BlobStore blobs;
    private final Consents consents;
    private final Citizens citizens;
    private final Renditions renditions;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;
    private final KeyedHash lookupKey;

    Vault(JdbcClient jdbc, TransactionTemplate transaction, KeyVault keys, EnvelopeCipher cipher, BlobStore blobs, Consents consents,
          Citizens citizens, Renditions renditions, AuditLog audit, Clock clock, SecureRandom random, LookupKey lookupKey) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.keys = keys;
        this.cipher = cipher;
        this.blobs = blobs;
        this.consents = consents;
        this.citizens = citizens;
        this.renditions = renditions;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
        this.lookupKey = new KeyedHash(lookupKey.bytes());
    }

    /** The per-deployment key of MyKad lookup hashes, wrapped so it is never printed. */
    record LookupKey(byte[] bytes) {
        @Override
        public String toString() {
            return "LookupKey[redacted]";
        }
    }

    /** Stores a session; empty when the consent is not active for this relying party. */
    public Optional<Ingested> ingest(RelyingParty party, String consentId, MyKadNumber myKad, Clean front, Clean back, String clientIp) throws IOException {
        Optional<Consents.Consent> consent = consents.find(consentId).filter(c -> c.activeFor(party));
        if (consent.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant expires = ZonedDateTime.ofInstant(now, MALAYSIA).plus(party.retention()).toInstant();
        String recordId = RandomIds.uuid(random);
        String frontId = RandomIds.uuid(random);
        String backId = RandomIds.uuid(random);
        // ciphertexts first, rows second: a crash leaves at worst an orphan blob nobody can decrypt (its key was never stored)
        EnvelopeCipher.Sealed frontSealed = cipher.seal(frontId, front.bytes());
        EnvelopeCipher.Sealed backSealed;
        try {
            backSealed = cipher.seal(backId, back.bytes());
        } catch (IOException | RuntimeException e) {
            blobs.delete(frontSealed.blobName());
            throw e;
        }
        byte[] sealedMyKad = keys.wrap(myKad.digits().getBytes(StandardCharsets.UTF_8), myKadAd(recordId));
        try {
            transaction.executeWithoutResult(s -> {
                jdbc.sql("""
                                INSERT INTO ekyc_record (id, consent_id, relying_party_id, citizen_id, mykad_hmac, mykad_sealed, created_at, expires_at)
                                VALUES (:id, :c, :rp, :cit, :h, :s, :now, :exp)""")
                        .param("id", recordId).param("c", consentId).param("rp", party.id()).param("cit", consent.get().citizenId())
                        .param("h", lookupHash(myKad)).param("s", Base64.getEncoder().encodeToString(sealedMyKad))
                        .param("now", now.toEpochMilli()).param("exp", expires.toEpochMilli()).update();
                insertImage(frontId, recordId, "FRONT", front, frontSealed, now);
                insertImage(backId, recordId, "BACK", back, backSealed, now);
                audit.record(AuditEvent.named("sensitive_create").actor("relying-party:" + party.id()).clientIp(clientIp)
                        .subject("ekyc-record:" + recordId).reason("ekyc.session.stored").detail("myKad", myKad).detail("consent", consentId)
                        .detail("purpose", consent.get().purpose()).detail("expiresAt", expires));
            });
        } catch (RuntimeException e) {
            blobs.delete(frontSealed.blobName());
            blobs.delete(backSealed.blobName());
            throw e;
        }
        return Optional.of(new Ingested(recordId, frontId, backId, expires));
    }

    private void insertImage(String id, String recordId, String side, Clean image, EnvelopeCipher.Sealed sealed, Instant now) {
        jdbc.sql("""
                        INSERT INTO ekyc_image (id, record_id, side, format, width, height, blob_name, data_key, created_at)
                        VALUES (:id, :r, :side, :f, :w, :h, :b, :k, :now)""")
                .param("id", id).param("r", recordId).param("side", side).param("f", image.format().name())
                .param("w", image.width()).param("h", image.height()).param("b", sealed.blobName())
                .param("k", Base64.getEncoder().encodeToString(sealed.wrappedKey())).param("now", now.toEpochMilli()).update();
    }

    /** Yes/no answers about the newest live record under an active consent; empty when there is none. */
    public Optional<Map<String, Boolean>> verify(RelyingParty party, String consentId, Questions questions, String clientIp) {
        Optional<Consents.Consent> consent = consents.find(consentId).filter(c -> c.activeFor(party));
        if (consent.isEmpty()) {
            return Optional.empty();
        }
        Optional<String[]> record = jdbc.sql("""
                        SELECT id, mykad_sealed FROM ekyc_record
                        WHERE consent_id = :c AND relying_party_id = :rp AND shredded_at IS NULL AND expires_at > :now
                        ORDER BY created_at DESC LIMIT 1""")
                .param("c", consentId).param("rp", party.id()).param("now", clock.millis()).query((rs, n) -> new String[]{rs.getString(1), rs.getString(2)}).optional();
        if (record.isEmpty()) {
            return Optional.empty();
        }
        String recordId = record.get()[0];
        LocalDate today = LocalDate.ofInstant(clock.instant(), MALAYSIA);
        MyKadNumber onRecord = MyKadNumber.parse(new String(keys.unwrap(Base64.getDecoder().decode(record.get()[1]), myKadAd(recordId)),
                StandardCharsets.UTF_8), today);
        Map<String, Boolean> answers = new LinkedHashMap<>();
        if (questions.name() != null) {
            String name = citizens.find(new CitizenId(consent.get().citizenId())).map(c -> c.name()).orElse("");
            answers.put("name", sameText(normaliseName(name), normaliseName(questions.name())));
        }
        if (questions.dateOfBirth() != null) {
            answers.put("dateOfBirth", onRecord.dateOfBirth().equals(questions.dateOfBirth()));
        }
        if (questions.myKadNumber() != null) {
            answers.put("myKadNumber", sameText(onRecord.digits(), questions.myKadNumber().digits()));
        }
        if (questions.minimumAge() != null) {
            answers.put("ageAtLeast", onRecord.isAtLeast(questions.minimumAge(), today));
        }
        audit.record(AuditEvent.named("sensitive_read").actor("relying-party:" + party.id()).clientIp(clientIp)
                .subject("ekyc-record:" + recordId).reason("ekyc.verify").detail("questions", String.join(",", answers.keySet()))
                .detail("purpose", consent.get().purpose()));
        return Optional.of(answers);
    }

    /** A watermarked rendition of an image, or empty when the image is unknown, shredded or not under an active consent. */
    public Optional<Renditions.Rendition> rendition(RelyingParty party, String imageId, String clientIp) {
        if (Consents.parseUuid(imageId).isEmpty()) {
            return Optional.empty();
        }
        Optional<StoredImage> image = image(imageId);
        if (image.isEmpty() || image.get().wrappedKey() == null) {
            return Optional.empty();
        }
        // a record past its retention is not served even before the purge job has shredded it
        Optional<Consents.Consent> consent = jdbc.sql("""
                        SELECT consent_id FROM ekyc_record
                        WHERE id = :r AND relying_party_id = :rp AND shredded_at IS NULL AND expires_at > :now""")
                .param("r", image.get().recordId()).param("rp", party.id()).param("now", clock.millis()).query(String.class).optional()
                .flatMap(consents::find).filter(c -> c.activeFor(party));
        if (consent.isEmpty()) {
            return Optional.empty();
        }
        long accessId = newAccessId();
        // recorded and audited before the bytes leave: a rendition nobody can attribute must not exist. The access row is
        // what a leak investigation resolves a decoded watermark to (WatermarkEvidence); the audit entry is its proof
        transaction.executeWithoutResult(s -> {
            jdbc.sql("""
                            INSERT INTO ekyc_rendition_access (access_id, image_id, record_id, relying_party_id, consent_id, purpose, client_ip, rendered_at)
                            VALUES (:a, :i, :r, :rp, :c, :p, :ip, :now)""")
                    .param("a", Renditions.accessIdText(accessId)).param("i", imageId).param("r", image.get().recordId())
                    .param("rp", party.id()).param("c", consent.get().id()).param("p", consent.get().purpose())
                    .param("ip", clientIp).param("now", clock.millis()).update();
            audit.record(AuditEvent.named("sensitive_read").actor("relying-party:" + party.id()).clientIp(clientIp)
                    .subject("ekyc-image:" + imageId).reason("ekyc.image.rendition").detail("accessId", Renditions.accessIdText(accessId))
                    .detail("purpose", consent.get().purpose()));
        });
        BufferedImage original = decode(cipher.open(imageId, new EnvelopeCipher.Sealed(image.get().blobName(), image.get().wrappedKey())));
        try {
            return Optional.of(renditions.render(original, party.name(), consent.get().purpose(), LocalDate.ofInstant(clock.instant(), MALAYSIA), accessId));
        } catch (Renditions.UnattributableRenditionException e) {
            audit.record(AuditEvent.named("ekyc_rendition_withheld").outcome(my.benteng.audit.AuditOutcome.FAILURE)
                    .actor("relying-party:" + party.id()).clientIp(clientIp).subject("ekyc-image:" + imageId)
                    .reason("ekyc.image.watermark_unverified").detail("accessId", Renditions.accessIdText(accessId)));
            throw e;
        }
    }

    Optional<StoredImage> image(String imageId) {
        return jdbc.sql("SELECT id, record_id, side, format, blob_name, data_key FROM ekyc_image WHERE id = :id")
                .param("id", imageId).query((rs, n) -> new StoredImage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6) == null ? null : Base64.getDecoder().decode(rs.getString(6)))).optional();
    }

    /** The decrypted, sanitised original, for tests and the break-glass path; audited. */
    byte[] original(String imageId, String actor, String reason) {
        StoredImage image = image(imageId).orElseThrow(() -> new VaultException("no such image"));
        audit.record(AuditEvent.named("sensitive_read").actor(actor).subject("ekyc-image:" + imageId).reason(reason));
        return cipher.open(imageId, new EnvelopeCipher.Sealed(image.blobName(), image.wrappedKey()));
    }

    /** Crypto-shreds every record stored under a consent (after revocation). */
    public int shredConsent(String consentId, String reason) {
        List<String> records = jdbc.sql("SELECT id FROM ekyc_record WHERE consent_id = :c AND shredded_at IS NULL")
                .param("c", consentId).query(String.class).list();
        return (int) records.stream().filter(r -> shred(r, reason)).count();
    }

    /**
     * Destroys the data keys and the sealed MyKad number, deletes the blobs; audited. False when another shred (the
     * revocation and the purge job both find a revoked consent's record) got there first: one deletion, one audit entry.
     */
    boolean shred(String recordId, String reason) {
        List<StoredImage> images = jdbc.sql("SELECT id, record_id, side, format, blob_name, data_key FROM ekyc_image WHERE record_id = :r")
                .param("r", recordId).query((rs, n) -> new StoredImage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), null)).list();
        long now = clock.millis();
        // keys first, in one transaction: once it commits the ciphertexts are noise whatever happens to the blobs. The
        // record's guarded UPDATE comes first and is the claim: a concurrent shred waits on its row lock, then finds it
        // shredded and updates nothing (PostgreSQL re-checks the WHERE after the wait; SQLite has one writer at a time)
        boolean claimed = Boolean.TRUE.equals(transaction.execute(s -> {
            int n = jdbc.sql("UPDATE ekyc_record SET mykad_sealed = NULL, mykad_hmac = NULL, shredded_at = :now WHERE id = :r AND shredded_at IS NULL")
                    .param("now", now).param("r", recordId).update();
            if (n == 0) {
                return false;
            }
            jdbc.sql("UPDATE ekyc_image SET data_key = NULL, shredded_at = :now WHERE record_id = :r").param("now", now).param("r", recordId).update();
            audit.record(AuditEvent.named("sensitive_delete").subject("ekyc-record:" + recordId).reason(reason)
                    .detail("images", images.size()));
            return true;
        }));
        if (!claimed) {
            return false;
        }
        for (StoredImage image : images) {
            try {
                blobs.delete(image.blobName());
            } catch (IOException | RuntimeException e) {
                // the key is gone, so the blob is unreadable; the next purge run retries nothing, log for the operator
                log.warn("could not delete a shredded blob ({}); its data key is already destroyed", e.getClass().getSimpleName());
            }
        }
        return true;
    }

    /**
     * Shreds records whose relying party's retention has ended, and records of revoked consents that the
     * revocation itself missed (an upload committing while the consent was being revoked, or a shred that failed
     * after the revocation committed).
     */
    @Scheduled(fixedDelayString = "${benteng.ekyc.purge-interval:PT5M}", initialDelayString = "PT1M")
    int purgeExpired() {
        int total = 0;
        for (int round = 0; round < 100; round++) {
            List<String[]> due = jdbc.sql("""
                            SELECT r.id, CASE WHEN r.expires_at <= :now THEN 'ekyc.retention.expired' ELSE 'ekyc.consent.revoked' END
                            FROM ekyc_record r
                            WHERE r.shredded_at IS NULL
                              AND (r.expires_at <= :now
                                   OR EXISTS (SELECT 1 FROM ekyc_consent c WHERE c.id = r.consent_id AND c.status = 'REVOKED'))
                            ORDER BY r.expires_at LIMIT 500""")
                    .param("now", clock.millis()).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
            for (String[] r : due) {
                total += shred(r[0], r[1]) ? 1 : 0;
            }
            if (due.size() < 500) {
                break;
            }
        }
        return total;
    }

    /** The record's MyKad number (masked when printed), or empty once the record was shredded. */
    Optional<MyKadNumber> myKadOf(String recordId) {
        Optional<String> sealed = jdbc.sql("SELECT mykad_sealed FROM ekyc_record WHERE id = :r AND shredded_at IS NULL")
                .param("r", recordId).query(String.class).optional().filter(v -> v != null);
        return sealed.map(v -> MyKadNumber.parse(new String(keys.unwrap(Base64.getDecoder().decode(v), myKadAd(recordId)), StandardCharsets.UTF_8),
                LocalDate.ofInstant(clock.instant(), MALAYSIA)));
    }

    /** The exact form over the 12 digits (not the labelled one): {@code ekyc_record.mykad_hmac} holds it already. */
    String lookupHash(MyKadNumber number) {
        return lookupKey.hex(number.digits());
    }

    /** Records of a MyKad number by its keyed hash (for investigations); audited. */
    List<String> recordsOf(MyKadNumber number, String actor) {
        audit.record(AuditEvent.named("sensitive_read").actor(actor).subject(number).reason("ekyc.lookup"));
        return jdbc.sql("SELECT id FROM ekyc_record WHERE mykad_hmac = :h").param("h", lookupHash(number)).query(String.class).list();
    }

    private long newAccessId() {
        byte[] b = new byte[6];
        random.nextBytes(b);
        long id = 0;
        for (byte x : b) {
            id = (id << 8) | (x & 0xff);
        }
        return id;
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new VaultException("stored image unreadable");
            }
            return ImageSanitiser.toRgb(image);
        } catch (IOException e) {
            throw new VaultException("stored image unreadable");
        }
    }

    private static byte[] myKadAd(String recordId) {
        return ("benteng-ekyc-mykad:" + recordId).getBytes(StandardCharsets.UTF_8);
    }

    static String normaliseName(String name) {
        String n = Normalizer.normalize(name, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        return n.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static boolean sameText(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
