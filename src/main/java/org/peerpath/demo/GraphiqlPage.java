package org.peerpath.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

import org.peerpath.database.ConditionalOnDemoMode;

/**
 * GraphiQL in demo mode, working with no network (issue 14): PeerPath's own page at {@code /graphiql}, with every
 * asset served from the jar. GraphiQL's self-contained bundle and stylesheet and React come from their WebJars
 * under {@code /graphiql/assets/<webjar>/<path>} (the version is resolved by webjars-locator-lite, so it lives in
 * the pom only); the page's script and stylesheet are under {@code /graphiql/page/}. A demo login picker asks
 * {@code /auth/demo-token} for a token and starts GraphiQL with the {@code Authorization} header filled in.
 * With a real database none of this exists, and Spring's own GraphiQL page (which loads from a CDN) is off in
 * both modes ({@code database.DemoModeDefaults}). The page's Content-Security-Policy lets it load from and
 * connect to this service only.
 */
@Controller
@ConditionalOnDemoMode
class GraphiqlPage implements WebMvcConfigurer {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final String LOGINS_PLACEHOLDER = "<!-- demo logins -->";

    private final String html;

    GraphiqlPage() {
        String template = read("demo/graphiql-page.html");
        if (!template.contains(LOGINS_PLACEHOLDER)) {
            throw new IllegalStateException("demo/graphiql-page.html lost its " + LOGINS_PLACEHOLDER + " line");
        }
        this.html = template.replace(LOGINS_PLACEHOLDER, DemoData.LOGINS.stream()
                .map(login -> "      <option value=\"" + login + "\"" + ("coach.mi".equals(login) ? " selected" : "")
                        + ">" + login + "</option>")
                .collect(Collectors.joining("\n")));
    }

    @GetMapping(path = "/graphiql", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page() {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .body(html);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/graphiql/assets/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true)
                .addResolver(new LiteWebJarsResourceResolver());
        registry.addResourceHandler("/graphiql/page/**").addResourceLocations("classpath:/demo/graphiql/");
    }

    private static String read(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + path + " from the jar", ex);
        }
    }
}
