package org.peerpath.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.peerpath.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphiQL works with no network (issue 14): the page and everything it references, followed through HTML, CSS
 * and JavaScript (stylesheets, scripts, fonts and images, {@code @import}, {@code url(...)}, source maps, workers
 * and imported scripts), come from the service itself and answer 200 with the right type; a single reference to
 * another origin (a CDN) fails the test. Inline {@code data:} URLs need no request and are allowed.
 */
class GraphiqlPageTest extends IntegrationTest {

    private static final Pattern HTML_REFERENCE =
            Pattern.compile("(?i)\\b(?:src|href|poster|data|action)\\s*=\\s*[\"']([^\"']*)[\"']");
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*(?:\"([^\"]*)\"|'([^']*)'|([^)\\s]*))\\s*\\)");
    private static final Pattern CSS_IMPORT = Pattern.compile("@import\\s+[\"']([^\"']+)[\"']");
    private static final Pattern SOURCE_MAP = Pattern.compile("[#@]\\s*sourceMappingURL=([^\\s*]+)");
    private static final Pattern SCRIPT_LOAD =
            Pattern.compile("(?:importScripts|new\\s+(?:Shared)?Worker|import)\\s*\\(\\s*[\"'`]([^\"'`]+)[\"'`]");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void thePageAndEveryAssetItReferencesComeFromTheServiceItself() throws Exception {
        URI page = base().resolve("/graphiql");
        Map<URI, Integer> answered = new LinkedHashMap<>();
        List<String> elsewhere = new ArrayList<>();
        Deque<URI> toFetch = new ArrayDeque<>(List.of(page));
        while (!toFetch.isEmpty()) {
            URI url = toFetch.removeFirst();
            if (answered.containsKey(url)) {
                continue;
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            answered.put(url, response.statusCode());
            if (response.statusCode() != 200) {
                continue;
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            assertThat(type).as("Content-Type of " + url).isNotEmpty();
            if (url.getPath().endsWith(".js")) {
                assertThat(type).as(url.toString()).contains("javascript");
            }
            if (url.getPath().endsWith(".css")) {
                assertThat(type).as(url.toString()).startsWith("text/css");
            }
            for (String reference : references(url, type, response.body())) {
                if (reference.isBlank() || reference.startsWith("#") || reference.startsWith("data:")) {
                    continue; // the document itself or inline data: no request
                }
                URI target = url.resolve(reference.trim().replace(" ", "%20"));
                if (!sameOrigin(target)) {
                    elsewhere.add(target + " (in " + url.getPath() + ")");
                    continue;
                }
                toFetch.add(stripFragment(target));
            }
        }
        assertThat(elsewhere).as("references to another origin: the page would not work without a network")
                .isEmpty();
        assertThat(answered).as("every URL the page needs answers 200").allSatisfy((url, status) ->
                assertThat(status).as(url.toString()).isEqualTo(200));
        assertThat(answered.keySet()).extracting(URI::getPath).contains("/graphiql",
                "/graphiql/assets/graphiql/graphiql.min.js", "/graphiql/assets/graphiql/graphiql.min.css",
                "/graphiql/assets/react/umd/react.production.min.js",
                "/graphiql/assets/react-dom/umd/react-dom.production.min.js",
                "/graphiql/page/peerpath-graphiql.js", "/graphiql/page/peerpath-graphiql.css",
                "/graphiql/assets/graphiql/graphiql.min.js.map");
    }

    @Test
    void thePageOffersEveryDemoLoginAndForbidsLoadingFromElsewhere() throws Exception {
        HttpResponse<String> page = get("/graphiql");
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        for (String login : DemoData.LOGINS) {
            assertThat(page.body()).contains("<option value=\"" + login + "\"");
        }
        assertThat(page.body()).contains("<option value=\"coach.mi\" selected>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("default-src 'self'", "script-src 'self'", "connect-src 'self'");
    }

    @Test
    void thePageScriptTalksOnlyToTheSignInAndGraphQlOfThisService() throws Exception {
        String script = get("/graphiql/page/peerpath-graphiql.js").body();
        Matcher targets = Pattern.compile("(?:fetch\\(|url:\\s*)'([^']*)'").matcher(script);
        List<String> found = new ArrayList<>();
        while (targets.find()) {
            found.add(targets.group(1));
        }
        assertThat(found).containsExactlyInAnyOrder("/auth/demo-token", "/graphql");
        // What the picker does for coach.mi: a token, then `me` with the pre-filled header.
        HttpResponse<String> me = http.send(HttpRequest.newBuilder(base().resolve("/graphql"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token("coach.mi"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { displayName role } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"role\":\"RECOVERY_COACH\"").doesNotContain("errors");
    }

    @Test
    void unknownAssetsAreNotFound() throws Exception {
        assertThat(get("/graphiql/assets/graphiql/nothing.js").statusCode()).isEqualTo(404);
        assertThat(get("/graphiql/page/../application.properties").statusCode()).isIn(400, 404);
        assertThat(get("/webjars/graphiql/2.4.7/graphiql.min.js").statusCode()).isIn(401, 404);
    }

    /** What a browser would load next from this resource. */
    private static List<String> references(URI url, String contentType, String body) {
        List<String> found = new ArrayList<>();
        boolean html = contentType.startsWith("text/html");
        boolean css = contentType.startsWith("text/css") || html;
        boolean javascript = contentType.contains("javascript");
        if (html) {
            collect(HTML_REFERENCE.matcher(body), found);
        }
        if (css) {
            Matcher urls = CSS_URL.matcher(body);
            while (urls.find()) {
                found.add(urls.group(1) != null ? urls.group(1) : urls.group(2) != null ? urls.group(2) : urls.group(3));
            }
            collect(CSS_IMPORT.matcher(body), found);
        }
        if (css || javascript) {
            collect(SOURCE_MAP.matcher(body), found);
        }
        if (javascript) {
            collect(SCRIPT_LOAD.matcher(body), found);
        }
        return found;
    }

    private static void collect(Matcher matcher, List<String> found) {
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
    }

    private boolean sameOrigin(URI target) {
        URI base = base();
        return base.getScheme().equalsIgnoreCase(target.getScheme()) && base.getHost().equalsIgnoreCase(target.getHost())
                && base.getPort() == target.getPort();
    }

    private static URI stripFragment(URI uri) {
        return uri.getFragment() == null ? uri : URI.create(uri.toString().substring(0, uri.toString().indexOf('#')));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI base() {
        return URI.create("http://localhost:" + port);
    }
}
