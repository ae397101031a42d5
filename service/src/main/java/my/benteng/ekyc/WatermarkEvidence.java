package my.benteng.ekyc;

import java.awt.image.BufferedImage;

/**
 * Reads the forensic watermark of a (possibly leaked and degraded) image and resolves it to the rendition access
 * that carried it. It never guesses: an id that decodes but names no recorded access (a false decode, or two
 * renditions averaged or spliced together) is {@link Reading.Inconclusive}, not the nearest access.
 */
public interface WatermarkEvidence {

    /**
     * Decodes {@code image} and resolves what it finds; the resolution is audited as a sensitive read by {@code actor}.
     * Decoding takes a second or two of CPU on a card-sized image.
     */
    Reading read(BufferedImage image, String actor);

    /** What the watermark says. */
    sealed interface Reading {

        /** A watermark of this deployment naming a recorded access. */
        record Attributed(RenditionAccess access) implements Reading {
        }

        /** A payload passed the keyed check but names no recorded access: reported as such, never attributed. */
        record Inconclusive(String decodedAccessId) implements Reading {
        }

        /** No watermark of this deployment could be read (unmarked, someone else's, or destroyed). */
        record NotFound() implements Reading {
        }
    }
}
