package my.benteng.ekyc.internal;

/** The watermark's peak luminance change per cell, chosen with the robustness benchmark (BENCHMARKS.md). */
final class ForensicWatermarkStrength {

    static final double DEFAULT = 8.0;

    private ForensicWatermarkStrength() {
    }
}
