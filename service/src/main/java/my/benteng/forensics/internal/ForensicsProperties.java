package my.benteng.forensics.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.Period;

/**
 * Settings of leak investigations ({@code benteng.forensics.*}).
 *
 * @param signingKey            base64 of the 32-byte Ed25519 seed that signs evidence reports (env
 *                              {@code BENTENG_FORENSICS_SIGNINGKEY}); empty: generated into the data directory (refused in prod)
 * @param sampleRetention       how long uploaded samples are kept before they are crypto-shredded (reports stay)
 * @param maxFiles              most files in one investigation (each at most the multipart limit, 5 MB; all at most 11 MB)
 * @param maxPending            most investigations waiting or running at once; more are refused with 429
 * @param workers               analyses run at once (each decodes one image at a time, a second or two of CPU)
 * @param analyseInBackground   analyse on the module's executor; off in tests, which call {@code InvestigationAnalyser.analyseDue()}
 * @param stalledAfter          a running analysis not finished after this is taken up again (its node died)
 * @param purgeInterval         how often the retention job runs
 */
@ConfigurationProperties("benteng.forensics")
public record ForensicsProperties(
        @DefaultValue("") String signingKey,
        @DefaultValue("P180D") Period sampleRetention,
        @DefaultValue("8") int maxFiles,
        @DefaultValue("20") int maxPending,
        @DefaultValue("2") int workers,
        @DefaultValue("true") boolean analyseInBackground,
        @DefaultValue("PT10M") Duration stalledAfter,
        @DefaultValue("PT1H") Duration purgeInterval) {

    /** Never prints the key. */
    @Override
    public String toString() {
        return "ForensicsProperties[signingKey=" + (signingKey == null || signingKey.isBlank() ? "(generated)" : "(set)")
                + ", sampleRetention=" + sampleRetention + ", maxFiles=" + maxFiles + ", maxPending=" + maxPending + ", workers=" + workers
                + ", analyseInBackground=" + analyseInBackground + ", stalledAfter=" + stalledAfter + ", purgeInterval=" + purgeInterval + "]";
    }
}
