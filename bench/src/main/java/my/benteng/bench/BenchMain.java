package my.benteng.bench;

import java.util.Arrays;

/** Entry point of the benchmark jar: {@code java -jar benteng-bench.jar <benchmark> [options]}. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "outbox" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (which) {
            case "outbox" -> OutboxThroughputBenchmark.main(rest);
            case "attack" -> AttackReplay.main(rest);
            case "shield-throughput" -> ShieldThroughput.main(rest);
            case "checkin-scale" -> CheckinScale.main(rest);
            case "ekyc" -> EkycBenchmark.main(rest);
            case "tracing-scale" -> TracingScale.main(rest);
            case "detection" -> DetectionBenchmark.main(rest);
            case "pdq-catalogue" -> PdqCatalogueBenchmark.main(rest);
            default -> {
                System.err.println("unknown benchmark '" + which + "'; available: outbox, attack, shield-throughput, checkin-scale, ekyc, tracing-scale, detection, pdq-catalogue");
                System.exit(2);
            }
        }
    }
}
