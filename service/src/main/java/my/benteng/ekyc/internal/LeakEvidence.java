package my.benteng.ekyc.internal;

import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.ekyc.EvidenceSealing;
import my.benteng.ekyc.MyKadNumber;
import my.benteng.ekyc.RenditionAccess;
import my.benteng.ekyc.UntrustedImages;
import my.benteng.ekyc.WatermarkEvidence;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the vault offers a leak investigation: the watermark read and resolved to a recorded access, and envelope
 * encryption of uploaded evidence with the vault's keys (associated data {@code evidence:<id>}, never an image id).
 */
@Component
class LeakEvidence implements WatermarkEvidence, EvidenceSealing, UntrustedImages {

    private final ForensicWatermark watermark;
    private final JdbcClient jdbc;
    private final RelyingParties parties;
    private final Vault vault;
    private final EnvelopeCipher cipher;
    private final BlobStore blobs;
    private final AuditLog audit;
    private final ImageSanitiser images;

    LeakEvidence(ForensicWatermark watermark, JdbcClient jdbc, RelyingParties parties, Vault vault, EnvelopeCipher cipher, BlobStore blobs,
                 AuditLog audit, ImageSanitiser images) {
        this.images = images;
        this.watermark = watermark;
        this.jdbc = jdbc;
        this.parties = parties;
        this.vault = vault;
        this.cipher = cipher;
        this.blobs = blobs;
        this.audit = audit;
    }

    private record AccessRow(String accessId, String recordId, String relyingPartyId, String consentId, String purpose, String clientIp,
                             long renderedAt) {
    }

    @Override
    public Reading read(BufferedImage image, String actor) {
        OptionalLong decoded = watermark.decode(ImageSanitiser.toRgb(image));
        if (decoded.isEmpty()) {
            return new Reading.NotFound();
        }
        String accessId = Renditions.accessIdText(decoded.getAsLong());
        Optional<AccessRow> row = jdbc.sql("""
                        SELECT access_id, record_id, relying_party_id, consent_id, purpose, client_ip, rendered_at
                        FROM ekyc_rendition_access WHERE access_id = :a""")
                .param("a", accessId).query((rs, n) -> new AccessRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7))).optional();
        if (row.isEmpty()) {
            // the keyed check passed, yet no rendition ever carried this id: a false decode or a collusion mix. Naming the
            // access "nearest" to it would accuse an innocent party
            return new Reading.Inconclusive(accessId);
        }
        AccessRow a = row.get();
        Optional<RelyingParty> party = parties.find(a.relyingPartyId());
        String masked = vault.myKadOf(a.recordId()).map(MyKadNumber::toString).orElse(null);
        audit.record(AuditEvent.named("sensitive_read").actor(actor).subject("ekyc-access:" + accessId).reason("ekyc.access.attributed")
                .detail("relyingParty", a.relyingPartyId()).detail("consent", a.consentId()));
        return new Reading.Attributed(new RenditionAccess(accessId, a.relyingPartyId(), party.map(RelyingParty::name).orElse(null),
                a.consentId(), masked, a.purpose(), Instant.ofEpochMilli(a.renderedAt()), a.clientIp(),
                party.flatMap(p -> networkOf(p, a.clientIp())).orElse(null)));
    }

    private static Optional<String> networkOf(RelyingParty party, String clientIp) {
        if (clientIp == null || clientIp.isBlank() || !clientIp.matches("[0-9a-fA-F.:]{2,45}")) {
            return Optional.empty(); // literals only: never a DNS lookup
        }
        try {
            InetAddress address = InetAddress.getByName(clientIp);
            return party.allowedNetworks().stream().filter(n -> n.contains(address)).map(SourceNetwork::toString).findFirst();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    @Override
    public BufferedImage decode(byte[] data) {
        try {
            return images.decode(data);
        } catch (ImageSanitiser.RefusedImageException e) {
            throw new RefusedException(Problem.valueOf(e.refusal().name()));
        }
    }

    @Override
    public long maxBytes() {
        return images.maxBytes();
    }

    @Override
    public long maxPixels() {
        return images.maxPixels();
    }

    @Override
    public Sealed seal(String evidenceId, byte[] plaintext) throws IOException {
        EnvelopeCipher.Sealed sealed = cipher.seal(evidenceAd(evidenceId), plaintext);
        return new Sealed(sealed.blobName(), Base64.getEncoder().encodeToString(sealed.wrappedKey()));
    }

    @Override
    public byte[] open(String evidenceId, Sealed sealed) {
        if (sealed == null || sealed.wrappedKey() == null) {
            throw new IllegalStateException("evidence key destroyed");
        }
        try {
            return cipher.open(evidenceAd(evidenceId), new EnvelopeCipher.Sealed(sealed.blobName(), Base64.getDecoder().decode(sealed.wrappedKey())));
        } catch (VaultException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt the evidence");
        }
    }

    @Override
    public boolean deleteCiphertext(String blobName) {
        try {
            return blobs.delete(blobName);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot delete an evidence blob", e);
        }
    }

    /** Evidence ids live in their own associated-data namespace: an evidence key can never open a card image, nor the reverse. */
    private static String evidenceAd(String evidenceId) {
        return "evidence:" + evidenceId;
    }
}
