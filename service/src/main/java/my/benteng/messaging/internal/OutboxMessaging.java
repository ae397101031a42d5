package my.benteng.messaging.internal;

import my.benteng.platform.Channel;
import my.benteng.platform.Contact;
import my.benteng.platform.RandomIds;
import my.benteng.messaging.DeliveryStatus;
import my.benteng.messaging.Language;
import my.benteng.messaging.Messaging;
import my.benteng.messaging.Template;
import my.benteng.messaging.TemplateParameters;
import my.benteng.platform.SpendLevel;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link Messaging} on the transactional outbox. */
class OutboxMessaging implements Messaging {

    private final OutboxRepository outbox;
    private final SuppressionList suppression;
    private final RecipientHasher hasher;
    private final DispatchLoop loop;
    private final Clock clock;
    private final SecureRandom random;
    private final Language defaultLanguage;
    private final SpendMeter spend;

    OutboxMessaging(OutboxRepository outbox, SuppressionList suppression, RecipientHasher hasher, DispatchLoop loop,
                    Clock clock, SecureRandom random, Language defaultLanguage, SpendMeter spend) {
        this.spend = spend;
        this.outbox = outbox;
        this.suppression = suppression;
        this.hasher = hasher;
        this.loop = loop;
        this.clock = clock;
        this.random = random;
        this.defaultLanguage = defaultLanguage;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID enqueue(Template template, Contact recipient, TemplateParameters parameters) {
        return enqueue(template, recipient, defaultLanguage, parameters);
    }

    /**
     * MANDATORY rather than REQUIRED: the whole point of the outbox is that the message commits with the
     * caller's change (the stored OTP code, the ticket). Called outside a transaction it would commit on
     * its own, so a caller that forgot its transaction fails loudly instead of silently losing the guarantee.
     */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID enqueue(Template template, Contact recipient, Language language, TemplateParameters parameters) {
        return insert(template, recipient, language, parameters, Duration.ZERO, null);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID enqueueHeld(Template template, Contact recipient, TemplateParameters parameters, Duration hold, String holdKey) {
        Objects.requireNonNull(hold, "hold");
        if (hold.isNegative() || holdKey == null || holdKey.isBlank() || holdKey.length() > 64) {
            throw new IllegalArgumentException("a hold needs a non-negative duration and a key of 1-64 characters");
        }
        return insert(template, recipient, defaultLanguage, parameters, hold, holdKey);
    }

    @Override
    @Transactional
    public int cancelHeld(String holdKey) {
        Objects.requireNonNull(holdKey, "holdKey");
        return outbox.cancelHeld(holdKey, clock.millis());
    }

    private UUID insert(Template template, Contact recipient, Language language, TemplateParameters parameters, Duration hold,
                        String holdKey) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(parameters, "parameters");
        template.validate(parameters);
        UUID id = RandomIds.uuidValue(random);
        long now = clock.millis();
        String region = recipient instanceof Contact.Phone p ? p.number().region() : null;
        // recipient_masked has always held the bare masked value (+6012*****89): masked(), not toString()
        outbox.insert(new OutboxRepository.NewMessage(id, template, recipient.channel(), language, recipient.value(), recipient.masked(),
                hasher.hash(recipient), region, ParameterCodec.encode(parameters), now, now + hold.toMillis(), holdKey));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                loop.nudge();
            }
        });
        return id;
    }

    @Override
    @Transactional
    public void suppress(Contact recipient, String reason) {
        suppression.suppress(Objects.requireNonNull(recipient, "recipient"), reason);
    }

    @Override
    @Transactional
    public boolean isSuppressed(Contact recipient) {
        return suppression.isSuppressed(Objects.requireNonNull(recipient, "recipient"));
    }

    @Override
    public SpendLevel spendLevel(Channel channel) {
        return spend.level(Objects.requireNonNull(channel, "channel"));
    }

    @Override
    @Transactional
    public Optional<DeliveryStatus> status(UUID id) {
        return outbox.status(id);
    }
}
