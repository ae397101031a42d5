package my.benteng.ekyc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where ciphertexts live. Object names are chosen by the store (128 random bits), never by a caller, so
 * nothing a client sends can reach a path or key. An S3-style store can implement the same operations.
 */
public interface BlobStore {

    /** Creates a new object, written by {@code writer}; returns its name. On failure nothing remains. */
    String create(Writer writer) throws IOException;

    InputStream open(String name) throws IOException;

    /** Deletes an object; true when it existed. */
    boolean delete(String name) throws IOException;

    boolean exists(String name);

    @FunctionalInterface
    interface Writer {
        void write(OutputStream out) throws IOException;
    }
}
