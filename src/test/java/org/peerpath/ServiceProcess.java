package org.peerpath;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

/**
 * The service as a separate JVM on its own data directory, on the embedded default in demo mode, for tests and
 * benchmarks that must kill it or load it from outside (the crash test, the flood benchmark). Started means ready:
 * the readiness probe answers UP, which happens only once the demo data is seeded.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;

    private final int port;

    /** The service's "now": the issue time of its first token (never this JVM's clock). */
    private Instant now;

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Launches the service without waiting for it; {@code settings} are extra {@code --name=value} arguments. */
    public static Process launch(Path data, Path log, String... settings) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "org.peerpath.PeerPathApplication",
                "--server.port=0", "--peerpath.data-dir=" + data.toAbsolutePath(),
                "--peerpath.outreach.schedule.enabled=false", "--peerpath.reminders.scheduling.enabled=false",
                "--peerpath.firebase.enabled=false", "--logging.level.de.bwaldvogel=WARN",
                "--logging.level.org.mongodb.driver=WARN", "--spring.main.banner-mode=off"));
        command.addAll(List.of(settings));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        for (String variable : List.of("MONGODB_URI", "MONGODB_DATABASE", "PEERPATH_DATA_DIR",
                "FIREBASE_PROJECT_ID", "PEERPATH_OIDC_ISSUER_URI", "PEERPATH_FIREBASE_ENABLED",
                "GOOGLE_APPLICATION_CREDENTIALS")) {
            builder.environment().remove(variable);
        }
        return builder.start();
    }

    /** Launches the service and waits (up to 180 s) until it is ready. */
    public static ServiceProcess start(Path data, Path log, String... settings) throws Exception {
        Process process = launch(data, log, settings);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            String output = Files.readString(log);
            Matcher port = PORT.matcher(output);
            // Readiness, not the "Started" line: the demo data is seeded after it (an ApplicationRunner), and
            // readiness turns UP only once every runner has finished.
            if (output.contains("Started PeerPathApplication") && port.find()
                    && ready(Integer.parseInt(port.group(1)))) {
                return new ServiceProcess(process, Integer.parseInt(port.group(1)));
            }
            if (!process.isAlive()) {
                throw new AssertionError("The service did not start:\n" + output);
            }
            Thread.sleep(100);
        }
        process.destroyForcibly().waitFor();
        throw new AssertionError("The service did not start within 180 s:\n" + Files.readString(log));
    }

    private static boolean ready(int port) throws Exception {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/actuator/health/readiness")).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        }
        catch (IOException notYet) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    /** The service's "now" as of the first sign-in. */
    public Instant now() {
        return now;
    }

    /** A demo token for {@code login}. */
    public String signIn(String login) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/auth/demo-token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"" + login + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("Demo sign-in of " + login + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        String token = JSON.readTree(response.body()).at("/token").asString();
        if (now == null) {
            String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                    StandardCharsets.UTF_8);
            now = Instant.ofEpochSecond(JSON.readTree(claims).at("/iat").asLong());
        }
        return token;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
