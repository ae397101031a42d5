package my.benteng.forensics.internal;

import java.time.Instant;
import java.util.List;

/** An investigation as stored; {@code report*} are set once its analysis completed. */
public record Investigation(String id, String title, String notes, String createdBy, Instant createdAt, Status status, int filesTotal,
                            int filesDone, Instant completedAt, String verdict, String reportSha256, String reportKeyId, Long reportAuditSeq,
                            Instant samplesShreddedAt) {

    public enum Status { QUEUED, RUNNING, COMPLETE }

    /** An uploaded sample: its shown name is sanitised, its bytes only in the blob store, encrypted. */
    public record Sample(String id, int position, String fileName, long sizeBytes, String sha256, Instant receivedAt, Instant analysedAt,
                         Instant shreddedAt) {
    }

    /** A finding and the sample it came from. */
    public record SampleFinding(int position, String fileName, Finding finding) {
    }

    /** One investigation with its samples and findings so far. */
    public record Detail(Investigation investigation, List<Sample> samples, List<SampleFinding> findings) {
    }

    /** A signed report: the canonical JSON bytes, the detached signature, the signing key's id. */
    public record SignedReport(byte[] json, byte[] signature, String keyId, String sha256, Long auditSeq) {
        @Override
        public String toString() {
            return "SignedReport[" + sha256 + "]";
        }
    }
}
