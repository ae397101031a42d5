package my.benteng.ekyc;

import java.awt.image.BufferedImage;
import java.util.OptionalLong;

/**
 * Recovers the access id hidden in an eKYC rendition (for leak investigations), or reports that the image
 * carries no watermark of this deployment.
 */
public interface WatermarkDecoder {

    /** The 48-bit access id, or empty for "no watermark". */
    OptionalLong decode(BufferedImage image);
}
