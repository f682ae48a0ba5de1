package org.peerpath;

import java.util.List;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/** Asserts the one error a response carries: its stable code, and that it leaks nothing of the server. */
public final class GraphQlErrorAssertions {

    private GraphQlErrorAssertions() {
    }

    public static ResponseError expectError(GraphQlTester.Response response, String code) {
        ResponseError[] captured = new ResponseError[1];
        response.errors().satisfy(errors -> {
            assertThat(errors).as("errors").hasSize(1);
            captured[0] = errors.get(0);
        });
        ResponseError error = captured[0];
        assertThat(error.getExtensions().get("code")).as(error.getMessage()).isEqualTo(code);
        assertThat(error.getMessage()).doesNotContain("Exception", "org.peerpath", "java.");
        return error;
    }

    @SuppressWarnings("unchecked")
    public static List<String> problems(ResponseError error) {
        return (List<String>) error.getExtensions().get("problems");
    }
}
