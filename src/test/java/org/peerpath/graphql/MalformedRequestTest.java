package org.peerpath.graphql;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.peerpath.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;
import static org.peerpath.demo.DemoData.id;

/**
 * Requests a client got wrong get a 4xx with a JSON body, or a GraphQL error with a client-error code: never a
 * 500, an HTML page or INTERNAL (security issue, item 8), and oversized input is refused before it costs
 * anything (item 4).
 */
class MalformedRequestTest extends IntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aBodyThatIsNotAJsonObjectIsABadRequest() throws Exception {
        for (String body : new String[] {"null", "[1]", "42", "\"query\"", "", "{{{"}) {
            HttpResponse<String> response = post("application/json", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertJson(response);
        }
    }

    @Test
    void aContentTypeOtherThanJsonIsUnsupported() throws Exception {
        for (String type : new String[] {"*/*", "application/*", "text/plain", "multipart/form-data; boundary=x",
                "not a type"}) {
            HttpResponse<String> response = post(type, "{\"query\":\"{ me { id } }\"}");
            assertThat(response.statusCode()).as(type).isEqualTo(415);
            assertJson(response);
        }
    }

    @Test
    void anOversizedBodyIsRefusedUnread() throws Exception {
        String huge = "{\"query\":\"{ me { id } }\",\"variables\":{\"x\":\"" + "a".repeat(300_000) + "\"}}";
        HttpResponse<String> response = post("application/json", huge);
        assertThat(response.statusCode()).isEqualTo(413);
        assertJson(response);
    }

    @Test
    void theErrorPathAndUnknownPathsAnswerJson() throws Exception {
        for (String path : new String[] {"/error", "/nothing-here"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Authorization", "Bearer " + token("coach.mi")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertJson(response);
        }
    }

    @Test
    void aSearchLongerThanAHundredCharactersOrWithControlCharactersIsInvalid() {
        coach("coach.mi").documentName("caseload").variable("search", "r".repeat(100)).execute()
                .path("caseload.edges").entityList(Object.class).hasSize(0);
        expectError(coach("coach.mi").documentName("caseload").variable("search", "r".repeat(101)).execute(),
                "VALIDATION");
        expectError(coach("coach.mi").documentName("caseload").variable("search", "riv\u0000ers").execute(),
                "VALIDATION");
        expectError(coach("coach.mi").documentName("caseload").variable("search", "riv\u0007ers").execute(),
                "VALIDATION");
    }

    @Test
    void anyTextVariableIsBounded() {
        expectError(coach("coach.mi").documentName("caseload").variable("search", "x".repeat(50_001)).execute(),
                "VALIDATION");
    }

    @Test
    void datesAndCursorsOutsideTheSupportedYearsAreInvalid() {
        String consent = UUID.randomUUID().toString();
        for (String date : new String[] {"+999999999-12-31", "-999999999-01-01", "+10000-01-01", "0000-12-31"}) {
            expectError(coach("coach.mi").document("query($id: ID!, $on: Date) { consentStatus(consentId: $id, on: $on) "
                    + "{ active } }").variable("id", consent).variable("on", date).execute(), "VALIDATION");
        }
        expectError(coach("coach.mi").document("query($at: DateTime) { recoveryPlan(enrolleeId: \"" + id("enrollee.mi.0")
                + "\", asOf: $at) { id } }").variable("at", "+999999999-12-31T00:00:00Z").execute(), "VALIDATION");
        String farCursor = Cursor.encode("+999999999-12-31T23:59:59Z", UUID.randomUUID().toString());
        expectError(coach("coach.mi").document("query($after: String) { myContacts(first: 5, after: $after) "
                + "{ edges { node { id } } } }").variable("after", farCursor).execute(), "VALIDATION");
        String notACursor = Base64.getUrlEncoder().encodeToString("pp1\u001f\u0000".getBytes(StandardCharsets.UTF_8));
        expectError(coach("coach.mi").document("query($after: String) { myContacts(first: 5, after: $after) "
                + "{ edges { node { id } } } }").variable("after", notACursor).execute(), "VALIDATION");
    }

    @Test
    void refusedIntrospectionIsAClientError() {
        expectError(coach("coach.mi").document("{ __schema { queryType { fields { name } } mutationType { fields "
                + "{ name } } } }").execute(), "VALIDATION");
    }

    private HttpResponse<String> post(String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/graphql"))
                .header("Authorization", "Bearer " + token("coach.mi")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static void assertJson(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(response.body()).startsWith("{").doesNotContain("<html", "Exception", "Tomcat", "org.");
        assertThat(Map.of("body", response.body())).isNotEmpty();
    }
}
