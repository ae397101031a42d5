package my.benteng.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An external load generator for the HTTP benchmarks: {@code wrk} (Debian package {@code wrk}, C, epoll, one event
 * loop per thread) driven by a Lua script written here. Its point is that the client costs a small fraction of the
 * CPU the Java client ({@link MiniHttp}, one blocking platform thread per connection) took from the service on the
 * same two cores. Closed loop, like the Java client: each connection sends its next request when the answer came, and
 * the latency is from the request written to the answer read (so both clients see the same kind of latency).
 * <p>Kinds: {@code liveness} (a static GET), {@code auth} (GET {@code path} with the next bearer session of the file),
 * {@code checkin} (POST {@code /api/v1/checkins}, request {@code i} of the whole run = citizen {@code i mod citizens}
 * at premises {@code (i / citizens) mod premises}, so every (citizen, premises) pair is used once before any repeat;
 * {@link #nextOffset} carries {@code i} from one round to the next).
 */
final class WrkClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Per thread: its own counter with stride = threads, so threads never share an index; statuses counted per thread. */
    private static final String SCRIPT = """
            local kind, path, offset, nthreads, gap
            local sessions, qrs = {}, {}
            local counter = 0
            statuses = {}
            maxcounter = 0
            local threads = {}
            local static

            function setup(thread)
              thread:set("tid", #threads)
              table.insert(threads, thread)
            end

            function init(args)
              kind, path, offset, nthreads, gap = args[1], args[2], tonumber(args[5]), tonumber(args[6]), tonumber(args[7])
              if kind ~= "liveness" then
                for line in io.lines(args[3]) do sessions[#sessions + 1] = line end
                for line in io.lines(args[4]) do qrs[#qrs + 1] = line end
              end
              static = wrk.format("GET", path)
            end

            function request()
              if kind == "liveness" then
                return static
              end
              local i = offset + counter * nthreads + tid
              counter = counter + 1
              maxcounter = counter
              if kind == "auth" then
                return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. sessions[(i % #sessions) + 1] })
              end
              local c = i % #sessions
              local p = math.floor(i / #sessions) % #qrs
              return wrk.format("POST", path, { ["Authorization"] = "Bearer " .. sessions[c + 1],
                ["Content-Type"] = "application/json" }, '{"qr":"' .. qrs[p + 1] .. '"}')
            end

            -- paced rounds: each connection waits an exponentially distributed gap (mean = connections / target rate)
            -- before its next request, so the offered rate is about the target while the latency stays below the gap
            function delay()
              if gap <= 0 then return 0 end
              return -gap * math.log(1 - math.random())
            end

            function response(status, headers, body)
              statuses[status] = (statuses[status] or 0) + 1
            end

            function done(summary, latency, requests)
              local st, maxc = {}, 0
              for _, t in ipairs(threads) do
                for k, v in pairs(t:get("statuses")) do st[k] = (st[k] or 0) + v end
                local m = t:get("maxcounter")
                if m > maxc then maxc = m end
              end
              local parts = {}
              for k, v in pairs(st) do parts[#parts + 1] = string.format('"%d":%d', k, v) end
              local e = summary.errors
              io.write(string.format('WRKJSON {"requests":%d,"durationUs":%d,"maxCounter":%d,"p50":%.1f,"p90":%.1f,"p99":%.1f,'
                .. '"max":%.1f,"mean":%.1f,"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},"statuses":{%s}}\\n',
                summary.requests, summary.duration, maxc, latency:percentile(50), latency:percentile(90),
                latency:percentile(99), latency.max, latency.mean, e.connect, e.read, e.write, e.timeout,
                table.concat(parts, ",")))
            end
            """;

    /** One round's outcome: rate, latencies in ms, statuses, and how far the request index got. */
    record Round(double perSecond, long requests, double p50, double p90, double p99, double max, Map<String, Integer> statuses,
                 Map<String, Integer> errors, long maxCounter) {
    }

    private final Path script;
    private final Path sessions;
    private final Path qrs;
    private final InetSocketAddress server;
    private final int threads;
    private final int connections;

    WrkClient(InetSocketAddress server, List<String> sessions, List<String> qrs, int threads, int connections) throws IOException {
        Path dir = Files.createTempDirectory("benteng-wrk-");
        dir.toFile().deleteOnExit();
        this.script = dir.resolve("checkin-scale.lua");
        this.sessions = dir.resolve("sessions.txt");
        this.qrs = dir.resolve("qrs.txt");
        Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
        Files.write(this.sessions, sessions, StandardCharsets.US_ASCII);
        Files.write(this.qrs, qrs, StandardCharsets.US_ASCII);
        for (Path p : List.of(script, this.sessions, this.qrs)) {
            p.toFile().deleteOnExit();
        }
        this.server = server;
        this.threads = threads;
        this.connections = connections;
    }

    /** True when {@code wrk} runs here. */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(5, TimeUnit.SECONDS);
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The next round's first request index after {@code round} started at {@code offset}. */
    long nextOffset(long offset, Round round) {
        return offset + (round.maxCounter() + 1) * threads;
    }

    Round run(String kind, String path, long offset, long seconds) throws IOException, InterruptedException {
        return run(kind, path, offset, seconds, 0);
    }

    /**
     * As {@link #run(String, String, long, long)}, paced to about {@code targetPerSecond} in all (0: as fast as the
     * answers come): each connection waits a random gap with mean {@code connections / target} before its next request.
     */
    Round run(String kind, String path, long offset, long seconds, double targetPerSecond) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "10s",
                "-s", script.toString(), "http://" + server.getHostString() + ":" + server.getPort() + path, "--",
                kind, path, sessions.toString(), qrs.toString(), Long.toString(offset), Integer.toString(threads),
                targetPerSecond > 0 ? String.format(java.util.Locale.ROOT, "%.3f", connections * 1000.0 / targetPerSecond) : "0"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("wrk failed: " + output);
        }
        String line = output.lines().filter(l -> l.startsWith("WRKJSON ")).findFirst()
                .orElseThrow(() -> new IOException("no result from wrk: " + output));
        JsonNode r = JSON.readTree(line.substring(8));
        Map<String, Integer> statuses = new java.util.TreeMap<>();
        r.get("statuses").properties().forEach(e -> statuses.put(e.getKey(), e.getValue().asInt()));
        Map<String, Integer> errors = new LinkedHashMap<>();
        r.get("errors").properties().forEach(e -> {
            if (e.getValue().asInt() > 0) {
                errors.put(e.getKey(), e.getValue().asInt());
            }
        });
        long requests = r.get("requests").asLong();
        double seconds1 = r.get("durationUs").asLong() / 1e6;
        return new Round(requests / seconds1, requests, r.get("p50").asDouble() / 1000, r.get("p90").asDouble() / 1000,
                r.get("p99").asDouble() / 1000, r.get("max").asDouble() / 1000, statuses, errors, r.get("maxCounter").asLong());
    }
}
