package my.benteng.helpdesk.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the helpdesk ({@code benteng.helpdesk.*}).
 *
 * @param inboundSecret          shared secret the MTA sends in {@code X-Helpdesk-Inbound-Secret} with every inbound
 *                               message (env {@code BENTENG_HELPDESK_INBOUND_SECRET}); empty: one generated once into
 *                               {@code ${benteng.data-dir}/helpdesk-inbound.key} (embedded default, refused in prod)
 * @param recipientKey           base64 of 32 random bytes: HMAC key of the recipient hashes behind the 7-day rule (env
 *                               {@code BENTENG_HELPDESK_RECIPIENT_KEY}); empty: generated into
 *                               {@code helpdesk-recipient.key} (refused in prod)
 * @param acknowledgementInterval at most one acknowledgement per recipient in this period (RFC 3834 asks for 7 days)
 * @param maxPerIpPerHour        anonymous tickets one client address may submit in a rolling hour
 * @param maxPerSubnetPerHour    anonymous tickets one /24 (IPv4) or /48 (IPv6) may submit in a rolling hour
 * @param maxPerCitizenPerDay    tickets one signed-in citizen may submit in a rolling day
 * @param maxRepliesPerAgentPerHour replies one agent may send in a rolling hour (a stolen agent session is not a mailer)
 * @param maxPageSize            largest queue page
 */
@ConfigurationProperties("benteng.helpdesk")
public record HelpdeskProperties(
        String inboundSecret,
        String recipientKey,
        @DefaultValue("P7D") Duration acknowledgementInterval,
        @DefaultValue("5") int maxPerIpPerHour,
        @DefaultValue("30") int maxPerSubnetPerHour,
        @DefaultValue("10") int maxPerCitizenPerDay,
        @DefaultValue("30") int maxRepliesPerAgentPerHour,
        @DefaultValue("100") int maxPageSize) {

    public HelpdeskProperties {
        inboundSecret = inboundSecret == null ? "" : inboundSecret;
        recipientKey = recipientKey == null ? "" : recipientKey;
        if (acknowledgementInterval.compareTo(Duration.ofDays(7)) < 0) {
            throw new IllegalArgumentException("benteng.helpdesk.acknowledgement-interval must be at least 7 days (RFC 3834)");
        }
        if (maxPerIpPerHour < 1 || maxPerSubnetPerHour < 1 || maxPerCitizenPerDay < 1 || maxRepliesPerAgentPerHour < 1
                || maxPageSize < 1) {
            throw new IllegalArgumentException("benteng.helpdesk.max-* must be positive");
        }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "HelpdeskProperties[inboundSecret=" + (inboundSecret.isEmpty() ? "(generated)" : "(set)")
                + ", recipientKey=" + (recipientKey.isEmpty() ? "(generated)" : "(set)")
                + ", acknowledgementInterval=" + acknowledgementInterval + ", maxPerIpPerHour=" + maxPerIpPerHour
                + ", maxPerSubnetPerHour=" + maxPerSubnetPerHour + ", maxPerCitizenPerDay=" + maxPerCitizenPerDay
                + ", maxRepliesPerAgentPerHour=" + maxRepliesPerAgentPerHour + ", maxPageSize=" + maxPageSize + "]";
    }
}
