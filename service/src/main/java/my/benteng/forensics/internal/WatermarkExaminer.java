package my.benteng.forensics.internal;

import my.benteng.ekyc.RenditionAccess;
import my.benteng.ekyc.WatermarkEvidence;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the per-access eKYC watermark and names the access it resolves to; never more than the evidence says. */
@Component
@Order(0)
class WatermarkExaminer implements SampleExaminer {

    /**
     * An attributed finding's confidence: a payload that is not there passes the 24-bit keyed check with probability
     * ≈ 1.3 × 10⁻⁶ (ForensicWatermark's Chase decoder) and must then also name one of the recorded accesses among 2⁴⁸
     * ids, so a false attribution is far rarer than 10⁻⁶; stated as the bound, not beyond it (decision 0024).
     */
    static final double ATTRIBUTED_CONFIDENCE = 0.999999;

    private final WatermarkEvidence evidence;

    WatermarkExaminer(WatermarkEvidence evidence) {
        this.evidence = evidence;
    }

    @Override
    public List<Finding> examine(BufferedImage image, String actor) {
        return List.of(switch (evidence.read(image, actor)) {
            case WatermarkEvidence.Reading.Attributed a -> new Finding(Finding.Kind.WATERMARK, "ATTRIBUTED", ATTRIBUTED_CONFIDENCE, null,
                    details(a.access()));
            case WatermarkEvidence.Reading.Inconclusive i -> new Finding(Finding.Kind.WATERMARK, "INCONCLUSIVE", 0.0,
                    "decoded-id-names-no-access", Map.of());
            case WatermarkEvidence.Reading.NotFound n -> new Finding(Finding.Kind.WATERMARK, "NOT_FOUND", null, "no-watermark-read", Map.of());
        });
    }

    private static Map<String, String> details(RenditionAccess a) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("accessId", a.accessId());
        d.put("relyingPartyId", a.relyingPartyId());
        put(d, "relyingPartyName", a.relyingPartyName());
        d.put("accessedAt", a.renderedAt().toString());
        d.put("consentReference", a.consentReference());
        put(d, "maskedCitizen", a.maskedCitizen());
        d.put("purpose", a.purpose());
        put(d, "sourceAddress", a.sourceAddress());
        put(d, "sourceNetwork", a.sourceNetwork());
        return d;
    }

    private static void put(Map<String, String> d, String key, String value) {
        if (value != null) {
            d.put(key, value);
        }
    }
}
