package my.benteng.forensics.internal;

import org.erdtman.jcs.JsonCanonicalizer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The evidence report of a completed investigation as JSON canonicalised by RFC 8785 (JCS): the bytes that are signed,
 * hashed into the audit chain and served are one and the same, and anyone can re-canonicalise a copy to check it was
 * not reformatted. What it holds: the investigation, every sample's name, size, SHA-256 and times (chain of custody),
 * the findings with masked values only, the verdict, the ATT&CK and D3FEND techniques, and how to verify it
 * (decision 0024).
 */
@Component
class EvidenceReports {

    static final String FORMAT = "benteng-evidence-report/1";
    static final String KEY_PATH = "/api/v1/forensics/signing-key";

    private final JsonMapper json;

    EvidenceReports(JsonMapper json) {
        this.json = json;
    }

    byte[] canonical(Investigation.Detail detail, String verdict, Instant completedAt, String keyId) {
        ObjectNode root = json.createObjectNode();
        Investigation inv = detail.investigation();
        root.put("format", FORMAT);
        ObjectNode investigation = root.putObject("investigation");
        investigation.put("id", inv.id());
        putIfSet(investigation, "title", inv.title());
        putIfSet(investigation, "notes", inv.notes());
        investigation.put("openedBy", inv.createdBy());
        investigation.put("openedAt", inv.createdAt().toString());
        investigation.put("completedAt", completedAt.toString());
        ArrayNode samples = root.putArray("samples");
        ArrayNode custody = root.putArray("custody");
        for (Investigation.Sample s : detail.samples()) {
            ObjectNode n = samples.addObject();
            n.put("sample", s.position());
            n.put("file", s.fileName());
            n.put("sizeBytes", s.sizeBytes());
            n.put("sha256", s.sha256());
            n.put("receivedAt", s.receivedAt().toString());
            custodyEvent(custody, s.receivedAt(), inv.createdBy(), "uploaded", s);
        }
        for (Investigation.Sample s : detail.samples()) {
            if (s.analysedAt() != null) {
                custodyEvent(custody, s.analysedAt(), "benteng-forensics", "analysed", s);
            }
        }
        ObjectNode signed = custody.addObject();
        signed.put("at", completedAt.toString());
        signed.put("by", "benteng-forensics");
        signed.put("event", "report-signed");
        ArrayNode findings = root.putArray("findings");
        for (Investigation.SampleFinding sf : detail.findings()) {
            ObjectNode n = findings.addObject();
            Finding f = sf.finding();
            n.put("kind", f.kind().name());
            n.put("outcome", f.outcome());
            n.put("sample", sf.position());
            n.put("file", sf.fileName());
            if (f.confidence() != null) {
                n.put("confidence", f.confidence());
            }
            putIfSet(n, "reason", f.reason());
            f.details().forEach(n::put);
        }
        root.put("verdict", verdict);
        boolean attributed = Verdicts.ATTRIBUTED.equals(verdict);
        techniques(root.putArray("attack"), attributed ? Verdicts.ATTRIBUTED_ATTACK : List.of());
        techniques(root.putArray("d3fend"), attributed ? Verdicts.ATTRIBUTED_D3FEND : List.of());
        ObjectNode signature = root.putObject("signature");
        signature.put("algorithm", "Ed25519");
        signature.put("canonicalization", "RFC 8785");
        signature.put("keyId", keyId);
        signature.put("publicKey", KEY_PATH);
        return canonicalize(json.writeValueAsString(root));
    }

    /** RFC 8785 canonical UTF-8 bytes of a JSON text. */
    static byte[] canonicalize(String jsonText) {
        try {
            return new JsonCanonicalizer(jsonText).getEncodedUTF8();
        } catch (IOException e) {
            throw new UncheckedIOException("report is not canonicalisable JSON", e);
        }
    }

    private static void custodyEvent(ArrayNode custody, Instant at, String by, String event, Investigation.Sample s) {
        ObjectNode n = custody.addObject();
        n.put("at", at.toString());
        n.put("by", by);
        n.put("event", event);
        n.put("sample", s.position());
        n.put("sha256", s.sha256());
    }

    private static void techniques(ArrayNode array, List<Map<String, String>> techniques) {
        for (Map<String, String> t : techniques) {
            ObjectNode n = array.addObject();
            t.forEach(n::put);
        }
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }
}
