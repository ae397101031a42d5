package my.benteng.platform.internal;

import java.io.IOException;

/** The request body grew past the configured limit while it was being read. */
class PayloadTooLargeException extends IOException {

    PayloadTooLargeException() {
        super("request body exceeds the limit", null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
