package my.benteng.messaging.internal;

/** One channel's way to a provider. Must not throw for provider errors: it answers with a {@link SendResult}. */
interface MessageSender {

    SendResult send(OutboundMessage message);
}
