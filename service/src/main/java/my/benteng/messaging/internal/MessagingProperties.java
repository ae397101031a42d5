package my.benteng.messaging.internal;

import my.benteng.messaging.Language;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * Settings of the messaging module ({@code benteng.messaging.*}). {@code toString()} leaves out the
 * recipient key and the gateway token.
 *
 * @param defaultLanguage language of messages enqueued without one
 * @param recipientKey    HMAC key for recipient hashes (suppression list); empty: a key file under the data dir (not in prod)
 * @param spendZone       time zone whose calendar days and months the spend caps count in
 * @param nearCapShare    share of a spend cap open to first contacts (numbers that never verified); from it the channel is
 *                        near its cap and the rest is reserved for returning and allow-listed numbers
 * @param dispatcher      how the outbox is polled and retried
 * @param sms             SMS channel
 * @param email           e-mail channel
 */
@ConfigurationProperties("benteng.messaging")
public record MessagingProperties(
        @DefaultValue("MS") Language defaultLanguage,
        @DefaultValue("") String recipientKey,
        @DefaultValue("Asia/Kuala_Lumpur") ZoneId spendZone,
        @DefaultValue("0.7") double nearCapShare,
        @DefaultValue Dispatcher dispatcher,
        @DefaultValue Sms sms,
        @DefaultValue Email email) {

    /** Where a channel's messages go. */
    public enum Mode {
        /** The dev outbox file and page; never in production. */
        DEV,
        /** The real provider (HTTP gateway for SMS, SMTP for e-mail). */
        PROVIDER
    }

    /**
     * @param enabled      run the background poll loop on this node (tests and tools may drive dispatch themselves)
     * @param pollInterval how often the outbox is polled when no commit nudged the dispatcher
     * @param batchSize    messages claimed per round and sent in parallel
     * @param lease        how long a claimed message is reserved; after that another dispatcher resends it with the same
     *                     reference, or marks it UNCERTAIN if its template is at most once (see {@code DeliverySemantics})
     * @param baseDelay    delay before the first retry; doubled for each further one
     * @param maxDelay     largest delay between two attempts
     * @param maxAttempts  attempts before a message is given up as FAILED
     */
    public record Dispatcher(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("250ms") Duration pollInterval,
            @DefaultValue("50") int batchSize,
            @DefaultValue("60s") Duration lease,
            @DefaultValue("5s") Duration baseDelay,
            @DefaultValue("10m") Duration maxDelay,
            @DefaultValue("6") int maxAttempts) {
    }

    /**
     * @param mode          dev outbox or the HTTP gateway
     * @param http          the HTTP gateway
     * @param costPerRegion price of one SMS by region of the number (ISO 3166 code), in the billing currency
     * @param defaultCost   price of one SMS to a region not listed
     * @param dailyCap      most the channel may spend per calendar day
     * @param monthlyCap    most the channel may spend per calendar month
     */
    public record Sms(
            @DefaultValue("DEV") Mode mode,
            @DefaultValue Http http,
            @DefaultValue({}) Map<String, BigDecimal> costPerRegion,
            @DefaultValue("0.20") BigDecimal defaultCost,
            @DefaultValue("200") BigDecimal dailyCap,
            @DefaultValue("3000") BigDecimal monthlyCap) {

        public BigDecimal costFor(String region) {
            BigDecimal cost = region == null ? null : costPerRegion.get(region);
            return cost == null ? defaultCost : cost;
        }
    }

    /**
     * @param url            gateway endpoint that takes {@code {"to","text","reference"}} as JSON
     * @param token          bearer token for the gateway
     * @param connectTimeout TCP connect timeout
     * @param readTimeout    time allowed for the gateway's answer
     * @param deduplicatesByReference the gateway delivers a message at most once per {@code reference}; only then are
     *                       one-time codes whose delivery became uncertain resent (else they end UNCERTAIN)
     */
    public record Http(
            URI url,
            @DefaultValue("") String token,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("5s") Duration readTimeout,
            @DefaultValue("false") boolean deduplicatesByReference) {

        @Override
        public String toString() {
            return "Http[url=" + url + ", token=" + (token.isEmpty() ? "<unset>" : "<set>") + ", connectTimeout="
                    + connectTimeout + ", readTimeout=" + readTimeout + ", deduplicatesByReference=" + deduplicatesByReference + "]";
        }
    }

    /**
     * @param mode        dev outbox or SMTP ({@code spring.mail.*})
     * @param from        sender address; its domain also names the Message-ID
     * @param fromName    display name of the sender
     * @param cost        price of one e-mail in the billing currency
     * @param dailyCap    most the channel may spend per calendar day
     * @param monthlyCap  most the channel may spend per calendar month
     * @param dkim        DKIM signing of outgoing mail
     */
    public record Email(
            @DefaultValue("DEV") Mode mode,
            @DefaultValue("donotreply@benteng.localhost") String from,
            @DefaultValue("Benteng") String fromName,
            @DefaultValue("0") BigDecimal cost,
            @DefaultValue("1000") BigDecimal dailyCap,
            @DefaultValue("10000") BigDecimal monthlyCap,
            @DefaultValue Dkim dkim) {
    }

    /**
     * @param enabled        sign outgoing mail
     * @param domain         signing domain (d=)
     * @param selector       DNS selector (s=)
     * @param privateKeyFile RSA private key, PKCS#8 DER
     * @param checkDnsKey    before signing, check that the key published in DNS under selector._domainkey matches
     */
    public record Dkim(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("") String domain,
            @DefaultValue("") String selector,
            @DefaultValue("") String privateKeyFile,
            @DefaultValue("true") boolean checkDnsKey) {
    }

    @Override
    public String toString() {
        return "MessagingProperties[defaultLanguage=" + defaultLanguage + ", recipientKey="
                + (recipientKey.isEmpty() ? "<unset>" : "<set>") + ", spendZone=" + spendZone + ", dispatcher=" + dispatcher
                + ", sms=" + sms + ", email=" + email + "]";
    }
}
