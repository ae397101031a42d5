package my.benteng.messaging.internal;

/** A template rendered for one recipient: subject (e-mail only), plain text and HTML with every value escaped. */
record RenderedMessage(String subject, String text, String html) {

    @Override
    public String toString() {
        return "RenderedMessage[...]";
    }
}
