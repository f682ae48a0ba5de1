package org.peerpath.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.peerpath.ServiceProcess;

/**
 * Issue 15, item 4: one user flooding the service must not occupy it. The service runs as its own JVM (embedded
 * default, demo data); a second user (coach.in) opens their caseload about 4 times a second, and JMH samples each
 * request's latency (SampleTime: p50, p99 and the rest are printed). {@code load}:
 * <ul>
 * <li>{@code alone}: nobody else sends anything;</li>
 * <li>{@code flood}: another user (coach.mi) sends caseload requests from 16 threads as fast as the service answers
 * (thousands of requests per trial), under the default per-user rate limit;</li>
 * <li>{@code flood-unlimited}: the same flood with the rate limit switched off, for comparison.</li>
 * </ul>
 * The target is the second user's p99 under {@code flood} within 3 times their p99 {@code alone}. The limits are
 * the defaults (60 at once, 300 a minute): the measured user's 4 a second stay under them. Each trial prints how
 * many of the flood's requests were answered and how many were refused with 429.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
public class RequestFloodBenchmark {

    private static final String CASELOAD = "{\"query\":\"{ caseload(first: 20) { edges { node { id firstName "
            + "lastName } } } }\"}";

    @Param({"alone", "flood", "flood-unlimited"})
    public String load;

    private Path dir;

    private ServiceProcess service;

    private HttpClient http;

    private HttpRequest measured;

    private ExecutorService flooders;

    private volatile boolean flooding;

    private final AtomicLong answered = new AtomicLong();

    private final AtomicLong refused = new AtomicLong();

    private final AtomicLong other = new AtomicLong();

    @Setup(Level.Trial)
    public void start() throws Exception {
        dir = Files.createTempDirectory("peerpath-flood");
        service = ServiceProcess.start(dir.resolve("data"), dir.resolve("service.log"),
                "--peerpath.rate-limit.enabled=" + !"flood-unlimited".equals(load),
                "--peerpath.demo-data.day-of-work=false");
        http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        measured = caseload(service.signIn("coach.in"));
        if (!"alone".equals(load)) {
            HttpRequest flood = caseload(service.signIn("coach.mi"));
            HttpClient floodClient = HttpClient.newHttpClient();
            flooding = true;
            flooders = Executors.newFixedThreadPool(16);
            for (int i = 0; i < 16; i++) {
                flooders.submit(() -> {
                    while (flooding) {
                        try {
                            int status = floodClient.send(flood, HttpResponse.BodyHandlers.discarding()).statusCode();
                            (status == 200 ? answered : status == 429 ? refused : other).incrementAndGet();
                        }
                        catch (Exception ex) {
                            other.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
    }

    /** The measured user's pace: about 4 requests a second (the pause is not part of the measured time). */
    @Setup(Level.Invocation)
    public void pace() throws InterruptedException {
        Thread.sleep(250);
    }

    @Benchmark
    public int caseloadOfAnotherUser() throws Exception {
        HttpResponse<String> response = http.send(measured, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The measured user was answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().length();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        flooding = false;
        if (flooders != null) {
            flooders.shutdown();
            flooders.awaitTermination(30, TimeUnit.SECONDS);
            System.out.printf("%nflood (%s): %,d requests answered, %,d refused with 429, %,d other%n", load,
                    answered.get(), refused.get(), other.get());
        }
        service.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private HttpRequest caseload(String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/graphql"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(CASELOAD)).build();
    }
}
