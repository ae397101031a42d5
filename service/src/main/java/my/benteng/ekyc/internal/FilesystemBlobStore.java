package my.benteng.ekyc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The default {@link BlobStore}: one file per object in a directory, named by 128 random bits in hex. */
public final class FilesystemBlobStore implements BlobStore {

    private static final Pattern NAME = Pattern.compile("[0-9a-f]{32}");

    private final Path dir;
    private final SecureRandom random;

    public FilesystemBlobStore(Path dir, SecureRandom random) {
        this.dir = dir.toAbsolutePath().normalize();
        this.random = random;
        try {
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create the blob directory", e);
        }
    }

    @Override
    public String create(Writer writer) throws IOException {
        byte[] id = new byte[16];
        random.nextBytes(id);
        String name = HexFormat.of().formatHex(id);
        Path tmp = Files.createTempFile(dir, ".blob", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            Files.move(tmp, path(name), StandardCopyOption.ATOMIC_MOVE);
            return name;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public InputStream open(String name) throws IOException {
        return Files.newInputStream(path(name));
    }

    @Override
    public boolean delete(String name) throws IOException {
        return Files.deleteIfExists(path(name));
    }

    @Override
    public boolean exists(String name) {
        return Files.exists(path(name));
    }

    /** Only names this store made (32 hex digits) ever become a path. */
    private Path path(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a blob name");
        }
        return dir.resolve(name);
    }
}
