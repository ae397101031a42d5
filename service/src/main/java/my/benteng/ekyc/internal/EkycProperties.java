package my.benteng.ekyc.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the eKYC vault ({@code benteng.ekyc.*}).
 *
 * @param masterKey       base64 of 32 random bytes that encrypts the key-encryption keyset file (env
 *                        {@code BENTENG_EKYC_MASTERKEY}); empty: generated into the data directory (refused in prod)
 * @param lookupKey       base64 of 32 random bytes, the HMAC key of MyKad lookups; empty: generated (refused in prod)
 * @param watermarkKey    base64 of 32 random bytes keying the forensic watermark; empty: generated (refused in prod)
 * @param keysetFile      the encrypted key-encryption keyset; empty: {@code ${benteng.data-dir}/ekyc-kek.keyset}
 * @param blobDir         directory of image ciphertexts; empty: {@code ${benteng.data-dir}/ekyc-blobs}
 * @param clockSkew       how far a signed request's timestamp may be from the server's clock
 * @param maxImageBytes   largest image part (the multipart limit must be at least this)
 * @param maxPixels       largest image in pixels, read from the header before decoding (pixel-flood guard)
 * @param purgeInterval   how often the retention job runs
 */
@ConfigurationProperties("benteng.ekyc")
public record EkycProperties(
        @DefaultValue("") String masterKey,
        @DefaultValue("") String lookupKey,
        @DefaultValue("") String watermarkKey,
        @DefaultValue("") String keysetFile,
        @DefaultValue("") String blobDir,
        @DefaultValue("PT30S") Duration clockSkew,
        @DefaultValue("5MB") DataSize maxImageBytes,
        @DefaultValue("25000000") long maxPixels,
        @DefaultValue("PT5M") Duration purgeInterval) {

    /** Never prints a key. */
    @Override
    public String toString() {
        return "EkycProperties[masterKey=" + set(masterKey) + ", lookupKey=" + set(lookupKey) + ", watermarkKey=" + set(watermarkKey)
                + ", keysetFile=" + keysetFile + ", blobDir=" + blobDir + ", clockSkew=" + clockSkew + ", maxImageBytes=" + maxImageBytes
                + ", maxPixels=" + maxPixels + ", purgeInterval=" + purgeInterval + "]";
    }

    private static String set(String s) {
        return s == null || s.isBlank() ? "(generated)" : "(set)";
    }

    Path keysetPath(Path dataDir) {
        return keysetFile.isBlank() ? dataDir.resolve("ekyc-kek.keyset") : Path.of(keysetFile);
    }

    Path blobPath(Path dataDir) {
        return blobDir.isBlank() ? dataDir.resolve("ekyc-blobs") : Path.of(blobDir);
    }
}
