package my.benteng.messaging;

import my.benteng.platform.Channel;
import my.benteng.platform.Contact;
import my.benteng.platform.SpendLevel;

import java.util.Optional;
import java.util.UUID;

/**
 * The outbox. A message is enqueued in the caller's transaction and only ever sent if that transaction
 * commits; a dispatcher on any node sends it, with the returned id as the provider's idempotency key.
 */
public interface Messaging {

    /**
     * Enqueues a message in the deployment's default language.
     *
     * @return the outbox id, which is also the reference the provider sees
     * @throws my.benteng.platform.InvalidValueException when the parameters do not fit the template
     * @throws org.springframework.transaction.IllegalTransactionStateException when no transaction is active
     */
    UUID enqueue(Template template, Contact recipient, TemplateParameters parameters);

    /** As {@link #enqueue(Template, Contact, TemplateParameters)}, in the given language. */
    UUID enqueue(Template template, Contact recipient, Language language, TemplateParameters parameters);

    /**
     * As {@link #enqueue(Template, Contact, TemplateParameters)}, but held back for {@code hold} before the
     * first attempt, under {@code holdKey}: until then {@link #cancelHeld(String)} can still stop it unsent.
     *
     * @param holdKey a stable, non-secret key of at most 64 characters (e.g. {@code prefix:6011555})
     */
    UUID enqueueHeld(Template template, Contact recipient, TemplateParameters parameters, java.time.Duration hold, String holdKey);

    /**
     * Cancels every message still held under {@code holdKey} that no dispatcher has claimed yet.
     *
     * @return how many were cancelled
     */
    int cancelHeld(String holdKey);

    /**
     * Puts a recipient on the suppression list: from now on it receives only security-critical messages.
     *
     * @param reason a stable code such as {@code user_request} or {@code provider_complaint}
     */
    void suppress(Contact recipient, String reason);

    boolean isSuppressed(Contact recipient);

    /** The delivery status of an enqueued message; empty for an unknown (or rolled-back) id. */
    Optional<DeliveryStatus> status(UUID id);

    /** How close the channel is to its spend caps for the current day and month. */
    SpendLevel spendLevel(Channel channel);
}
