package my.benteng.forensics.internal;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One evidence source applied to a decoded sample (the watermark today; canary images and the known-breach catalogue
 * can plug in as further beans). Runs on the analysis thread, one sample at a time.
 */
public interface SampleExaminer {

    /** The findings of {@code image}; {@code actor} is the analyst on whose behalf sensitive reads are audited. */
    List<Finding> examine(BufferedImage image, String actor);
}
