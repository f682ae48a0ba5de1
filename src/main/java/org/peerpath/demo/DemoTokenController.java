package org.peerpath.demo;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.peerpath.database.ConditionalOnDemoMode;
import org.peerpath.people.PeopleDirectory;
import org.peerpath.security.DemoTokens;

/** {@code POST /auth/demo-token {"login": "coach.mi"}} answers {@code {"token": "<JWT>"}} for a demo login. */
@RestController
@ConditionalOnDemoMode
class DemoTokenController {

    private final DemoTokens tokens;
    private final PeopleDirectory people;

    DemoTokenController(DemoTokens tokens, PeopleDirectory people) {
        this.tokens = tokens;
        this.people = people;
    }

    record SignIn(String login) {
    }

    @PostMapping("/auth/demo-token")
    ResponseEntity<Map<String, String>> token(@RequestBody SignIn signIn) {
        if (signIn == null || signIn.login() == null || !people.hasAccount(signIn.login())) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Map.of("error", "Unknown demo login. See the README for the list."));
        }
        return ResponseEntity.ok(Map.of("token", tokens.issue(signIn.login())));
    }
}
