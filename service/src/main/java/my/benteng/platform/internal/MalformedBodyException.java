package my.benteng.platform.internal;

import java.io.IOException;

/** The request body is not what its content type says (here: not well-formed UTF-8); answered as a 400. */
class MalformedBodyException extends IOException {

    MalformedBodyException() {
        super("request body is not well-formed UTF-8", null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
