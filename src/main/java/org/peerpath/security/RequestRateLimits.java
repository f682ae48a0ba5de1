package org.peerpath.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import org.peerpath.graphql.ErrorCode;

/**
 * One user cannot occupy the service (issue 15, item 4; issue 13, limits): each signed-in user has a token bucket
 * (Bucket4j), and so has each client address for the demo sign-in, which needs no token. A request over the limit
 * is answered at once with HTTP 429, a {@code Retry-After} header and a GraphQL-over-HTTP error whose code is
 * {@code RATE_LIMITED}: it costs the service a token check, nothing more. Runs in the security filter chain right
 * after the bearer token is checked, so the bucket belongs to the person, not to the token or the connection.
 * Buckets refill on the service's {@link Clock}; idle ones are forgotten after an hour.
 */
class RequestRateLimits extends OncePerRequestFilter {

    static final String DEMO_SIGN_IN = "/auth/demo-token";

    private final RateLimitSettings settings;

    private final TimeMeter time;

    private final Cache<String, Bucket> users = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1))
            .maximumSize(1_000_000).build();

    private final Cache<String, Bucket> demoSignIns = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1))
            .maximumSize(100_000).build();

    private final Counter limitedUsers;

    private final Counter limitedSignIns;

    RequestRateLimits(RateLimitSettings settings, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.time = new ServiceClockTime(clock);
        this.limitedUsers = meters.counter("peerpath.requests.rate-limited", "kind", "user");
        this.limitedSignIns = meters.counter("peerpath.requests.rate-limited", "kind", "demo-sign-in");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !settings.enabled();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Bucket bucket = bucketFor(request);
        if (bucket == null) {
            chain.doFilter(request, response);
            return;
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        (isDemoSignIn(request) ? limitedSignIns : limitedUsers).increment();
        refuse(response, Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L)));
    }

    /** The bucket that pays for this request, or null for requests no bucket limits (probes, anonymous pages). */
    Bucket bucketFor(HttpServletRequest request) {
        if (isDemoSignIn(request)) {
            return demoSignInBucket(request.getRemoteAddr());
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof ViewerAuthentication viewer)) {
            return null;
        }
        return userBucket(viewer.viewer().personId());
    }

    /** The bucket of one signed-in person. */
    Bucket userBucket(String personId) {
        return users.get(personId, person -> bucket(settings.userBurst(), settings.userPerMinute()));
    }

    /** The bucket of the demo sign-in for one client address. */
    Bucket demoSignInBucket(String address) {
        return demoSignIns.get(address, any -> bucket(settings.demoSignInBurst(), settings.demoSignInPerMinute()));
    }

    private Bucket bucket(int burst, int perMinute) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .withCustomTimePrecision(time)
                .build();
    }

    private static boolean isDemoSignIn(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && DEMO_SIGN_IN.equals(request.getRequestURI());
    }

    private static void refuse(HttpServletResponse response, long retryAfterSeconds) throws IOException {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        String body = "{\"errors\":[{\"message\":\"Too many requests. Retry after " + retryAfterSeconds
                + " seconds.\",\"extensions\":{\"code\":\"" + ErrorCode.RATE_LIMITED.name()
                + "\",\"retryAfterSeconds\":" + retryAfterSeconds + "}}]}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Bucket4j's time from the service's clock, so that tests move it and refills follow. */
    private record ServiceClockTime(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            var now = clock.instant();
            return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
