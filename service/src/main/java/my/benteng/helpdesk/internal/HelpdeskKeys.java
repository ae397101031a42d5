package my.benteng.helpdesk.internal;

/** The helpdesk's secrets, resolved once at startup. {@code toString()} prints neither. */
record HelpdeskKeys(byte[] recipientKey, byte[] inboundSecret) {

    @Override
    public String toString() {
        return "HelpdeskKeys[hidden]";
    }
}
