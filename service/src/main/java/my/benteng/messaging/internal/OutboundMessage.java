package my.benteng.messaging.internal;

import my.benteng.messaging.Language;
import my.benteng.messaging.Template;
import my.benteng.platform.Channel;

import java.util.UUID;

/**
 * What a channel hands to its provider. {@code reference} is the outbox id and stays the same on every
 * attempt, so a provider that deduplicates on it never delivers twice.
 */
record OutboundMessage(UUID reference, Channel channel, Template template, Language language, String to,
                       String toMasked, RenderedMessage content) {

    @Override
    public String toString() {
        return "OutboundMessage[reference=" + reference + ", template=" + template + ", to=" + toMasked + "]";
    }
}
