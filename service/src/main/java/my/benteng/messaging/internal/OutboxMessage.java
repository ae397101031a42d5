package my.benteng.messaging.internal;

import my.benteng.messaging.Language;
import my.benteng.messaging.Template;
import my.benteng.platform.Channel;

import java.util.UUID;

/**
 * A claimed outbox row. {@code attempts} is the fencing token of this claim: results are recorded only
 * while the row still carries it, so a dispatcher whose lease ran out cannot overwrite a newer claim.
 * {@code takenOver} says this claim took the row over from a SENDING claim whose lease had run out.
 */
record OutboxMessage(UUID id, Template template, Channel channel, Language language, String recipient,
                     String recipientMasked, String region, String parameters, int attempts, boolean charged,
                     boolean takenOver) {

    OutboxMessage takenOver(boolean value) {
        return new OutboxMessage(id, template, channel, language, recipient, recipientMasked, region, parameters, attempts,
                charged, value);
    }

    @Override
    public String toString() {
        return "OutboxMessage[id=" + id + ", template=" + template + ", to=" + recipientMasked + ", attempts=" + attempts + "]";
    }
}
