package my.benteng.ekyc;

import java.awt.image.BufferedImage;

/**
 * Decodes an image nobody vouches for with the vault's guards: type from the magic bytes only (JPEG, PNG), the size
 * cap, dimensions read from the header and capped before a pixel is allocated (decompression bombs), a bounded
 * number of decodes at once, everything in memory (no temp file).
 */
public interface UntrustedImages {

    /** Why an image was not decoded. */
    enum Problem { EMPTY, TOO_LARGE, NOT_AN_IMAGE, TOO_MANY_PIXELS, UNREADABLE, BUSY }

    /** Carries only the reason, never image content. */
    final class RefusedException extends RuntimeException {
        private final Problem problem;

        public RefusedException(Problem problem) {
            super(problem.name(), null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** The decoded pixels as RGB. */
    BufferedImage decode(byte[] data);

    /** The largest image accepted, in bytes and in pixels (for documentation and limits of callers). */
    long maxBytes();

    long maxPixels();
}
