package my.benteng.shield.internal;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import my.benteng.platform.Contact;
import my.benteng.shield.DenyKind;
import my.benteng.shield.ShieldProperties;
import my.benteng.shield.Verdict;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Rule 1: can this destination ever receive a code? Region allow-list and number type for SMS (premium-rate,
 * shared-cost, toll-free and the like are how SMS pumping earns money), disposable domains for e-mail.
 * Stateless and cheap, so it runs first.
 */
class DestinationPolicy {

    /** Number types that never receive a code, whatever the configuration says: they bill the sender or reach no person. */
    private static final Set<PhoneNumberType> NEVER = EnumSet.of(PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST,
            PhoneNumberType.TOLL_FREE, PhoneNumberType.UAN, PhoneNumberType.PAGER, PhoneNumberType.PERSONAL_NUMBER,
            PhoneNumberType.VOICEMAIL, PhoneNumberType.UNKNOWN);

    private final Set<String> regions;
    private final Set<PhoneNumberType> smsTypes;
    private final Set<String> disposableDomains;

    DestinationPolicy(ShieldProperties properties, Set<String> disposableDomains) {
        this.regions = Set.copyOf(properties.allowedRegions().stream().map(r -> r.toUpperCase(Locale.ROOT)).toList());
        EnumSet<PhoneNumberType> types = EnumSet.noneOf(PhoneNumberType.class);
        types.addAll(properties.smsNumberTypes());
        types.removeAll(NEVER);
        this.smsTypes = types;
        this.disposableDomains = Set.copyOf(disposableDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList());
    }

    /** A deny when the destination can never receive a code; empty when there is no objection. */
    Optional<Verdict> check(Contact destination) {
        return switch (destination) {
            case Contact.Phone phone -> checkPhone(phone);
            case Contact.Email email -> checkEmail(email);
        };
    }

    private Optional<Verdict> checkPhone(Contact.Phone phone) {
        if (!regions.contains(phone.number().region())) {
            return deny("shield.destination.region");
        }
        PhoneNumberType type = phone.number().type();
        if (!smsTypes.contains(type)) {
            return deny("shield.destination." + type.name().toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    private Optional<Verdict> checkEmail(Contact.Email email) {
        String domain = email.address().domain();
        // a disposable provider's subdomains are as disposable as the provider itself
        for (String d = domain; d.contains("."); d = d.substring(d.indexOf('.') + 1)) {
            if (disposableDomains.contains(d)) {
                return deny("shield.destination.disposable_domain");
            }
        }
        return Optional.empty();
    }

    private static Optional<Verdict> deny(String reason) {
        return Optional.of(new Verdict.Deny(reason, Duration.ZERO, DenyKind.UNDELIVERABLE));
    }
}
